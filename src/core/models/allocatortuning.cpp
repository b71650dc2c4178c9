// SPDX-License-Identifier: MIT
#include "allocatortuning.h"

#include <cstdlib> // defines __GLIBC__ on glibc

#ifdef __GLIBC__
#include <malloc.h>
#endif

void limitAllocatorArenas()
{
#ifdef __GLIBC__
    mallopt(M_ARENA_MAX, 1);
#endif
}
