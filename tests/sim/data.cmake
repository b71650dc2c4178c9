# SPDX-License-Identifier: MIT
# Simulator data: tenant generation, OData, identity platform (pure units, no sockets).
mde_add_test(tst_tenant SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_tenant.cpp LIBS mdesim LABELS sim)
