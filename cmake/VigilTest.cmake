# vigil_add_test(NAME tst_x SOURCES ... LIBS ... LABEL unit|integration|gui [TIMEOUT s] [GUI])
# One executable per test class (STYLE.md 3.5). Tests link libraries, never executables.
function(vigil_add_test)
    cmake_parse_arguments(T "GUI" "NAME;LABEL;TIMEOUT" "SOURCES;LIBS;ENV" ${ARGN})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
    target_compile_definitions(${T_NAME} PRIVATE
        VIGIL_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
        VIGIL_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        VIGIL_BINARY_DIR="${PROJECT_BINARY_DIR}")
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    set_tests_properties(${T_NAME} PROPERTIES
        LABELS "${T_LABEL}"
        TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LANG=C.UTF-8;TZ=UTC;VIGIL_NODE_BIN=$<TARGET_FILE:vigil-node>;VIGIL_FEED_BIN=$<TARGET_FILE:vigil-feed>;${T_ENV}")
endfunction()
