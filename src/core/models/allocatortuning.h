// SPDX-License-Identifier: MIT
#pragma once

// Keeps glibc's allocator to one arena for the whole process. Device pages are read on Qt's
// network thread and parsed on pool threads; with an arena per thread, what those threads free
// stays scattered across their arenas, and the resident size after loading 100,000 devices
// varied from run to run between about 735 and 1,075 bytes per device. With one arena it was
// 530 to 540 (mde-bench, docs/performance.md). The threads here allocate rarely enough that
// sharing one arena costs nothing measurable.
//
// Call first thing in main(), before any thread starts. Does nothing on other C libraries.
void limitAllocatorArenas();
