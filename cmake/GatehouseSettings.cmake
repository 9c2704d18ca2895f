# Common compile settings every Gatehouse target gets (STYLE.md, "CMake").
function(gatehouse_apply_common_settings target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_USE_QSTRINGBUILDER
        QT_NO_FOREACH
        QT_NO_KEYWORDS)
    if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        target_compile_options(${target} PRIVATE -Wall -Wextra -Werror=switch)
    elseif(MSVC)
        target_compile_options(${target} PRIVATE /W4 /we4062)
    endif()
endfunction()

# One way to declare a Qt Test executable: offscreen, a fixed language, registered with ctest.
function(gatehouse_add_test name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;ENVIRONMENT" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    gatehouse_apply_common_settings(${name})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LANG=en_US.UTF-8;LC_ALL=en_US.UTF-8;${ARG_ENVIRONMENT}"
        TIMEOUT 300)
endfunction()
