# Fails when the field tables in DOC differ from what PRINT_SCHEMA prints (the code's schema).
execute_process(COMMAND "${PRINT_SCHEMA}" OUTPUT_VARIABLE tables RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "print_schema failed")
endif()
file(READ "${DOC}" doc)
string(FIND "${doc}" "${tables}" at)
if(at EQUAL -1)
    message(FATAL_ERROR "docs/file-format.md is out of date: paste the output of build/tests/print_schema "
                        "after the line '## Field tables'")
endif()
