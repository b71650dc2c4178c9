# SPDX-License-Identifier: MIT
# Simulator data: tenant generation, OData, identity platform (pure units, no sockets).
foreach(unit tenant odata identity identitytokens)
    mde_add_test(tst_${unit} SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_${unit}.cpp LIBS mdesim
                 LABELS sim)
endforeach()
target_sources(tst_identity PRIVATE ${CMAKE_CURRENT_LIST_DIR}/identitytest.h)
target_sources(tst_identitytokens PRIVATE ${CMAKE_CURRENT_LIST_DIR}/identitytest.h)
