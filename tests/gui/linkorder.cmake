# SPDX-License-Identifier: MIT
# cmake -DEXE=<mde-offboard> -P linkorder.cmake
# The app names the C library, QtCore, the C++ library, QtGui and QtWidgets first among its
# libraries, ahead of QtNetwork and the rest (src/app/CMakeLists.txt): the dynamic loader looks
# symbols up in that order.
execute_process(COMMAND readelf -d "${EXE}" OUTPUT_VARIABLE dynamic RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "readelf -d ${EXE} failed: ${status}")
endif()
string(REGEX MATCHALL "Shared library: \\[[^]]+\\]" entries "${dynamic}")
set(needed)
foreach(entry IN LISTS entries)
    string(REGEX REPLACE ".*\\[(.*)\\]" "\\1" name "${entry}")
    list(APPEND needed "${name}")
endforeach()
set(first libc.so.6 libQt6Core.so.6 libstdc++.so.6 libQt6Gui.so.6 libQt6Widgets.so.6)
list(LENGTH first count)
list(SUBLIST needed 0 ${count} head)
list(FIND needed libQt6Network.so.6 network)
if(NOT head STREQUAL first OR network LESS count)
    message(FATAL_ERROR "libraries in the wrong order: ${needed}")
endif()
message(STATUS "libraries in order: ${needed}")
