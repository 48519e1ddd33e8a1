#include "shim.h"

namespace {
thread_local std::string last_error;
}

void mzb::set_last_error(const char* message) { last_error = message == nullptr ? "" : message; }

extern "C" const char* mzb_last_error(void) { return last_error.c_str(); }
