# SPDX-License-Identifier: MIT
# cmake -DEXE=<mde-offboard> -DMODULE=<mde-offboard-session.so> [-DORDER=ON] -P linkorder.cmake
# The executable paints its first frame before it loads the signed-in side: it must not need
# QtNetwork, QtSql, QtKeychain or simdjson (nor what they pull in), the module does. With ORDER
# (not under the sanitizers, whose runtime comes first) the executable also names the C library,
# QtCore, the C++ library, QtGui and QtWidgets first among its libraries (src/app/CMakeLists.txt):
# the dynamic loader looks symbols up in that order.
cmake_policy(SET CMP0057 NEW) # if(... IN_LIST ...)

function(needed_libraries file out)
    execute_process(COMMAND readelf -d "${file}" OUTPUT_VARIABLE dynamic RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "readelf -d ${file} failed: ${status}")
    endif()
    string(REGEX MATCHALL "Shared library: \\[[^]]+\\]" entries "${dynamic}")
    set(needed)
    foreach(entry IN LISTS entries)
        string(REGEX REPLACE ".*\\[(.*)\\]" "\\1" name "${entry}")
        list(APPEND needed "${name}")
    endforeach()
    set(${out} "${needed}" PARENT_SCOPE)
endfunction()

needed_libraries("${EXE}" app)
needed_libraries("${MODULE}" module)
set(signed_in_side libQt6Network.so.6 libQt6NetworkAuth.so.6 libQt6Sql.so.6 libqt6keychain.so.1
    libsimdjson.so.14 libQt6DBus.so.6)
foreach(library IN LISTS signed_in_side)
    if(library IN_LIST app)
        message(FATAL_ERROR "the executable needs ${library}: ${app}")
    endif()
endforeach()
foreach(library libQt6Network.so.6 libQt6Sql.so.6 libqt6keychain.so.1 libsimdjson.so.14)
    if(NOT library IN_LIST module)
        message(FATAL_ERROR "the session module does not need ${library}: ${module}")
    endif()
endforeach()

if(ORDER)
    set(first libc.so.6 libQt6Core.so.6 libstdc++.so.6 libQt6Gui.so.6 libQt6Widgets.so.6)
    list(LENGTH first count)
    list(SUBLIST app 0 ${count} head)
    if(NOT head STREQUAL first)
        message(FATAL_ERROR "libraries in the wrong order: ${app}")
    endif()
endif()
message(STATUS "executable: ${app}; module: ${module}")
