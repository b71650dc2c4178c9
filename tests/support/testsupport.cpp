// SPDX-License-Identifier: MIT
#include "testsupport.h"
