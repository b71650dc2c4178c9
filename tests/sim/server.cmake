# SPDX-License-Identifier: MIT
# The simulator's HTTP server: routes, paging, offboarding, limits, faults, TLS, the executable,
# request logs, device-group visibility.
foreach(unit simserver simoffboard simactions simlimits simfaults simtls simlogging simvisibility
             simvisibilityconfig)
    mde_add_test(tst_${unit} SOURCES tst_${unit}.cpp tst_simhttp.h simuserfixture.h
                 LIBS Qt6::Network LABELS sim)
endforeach()
