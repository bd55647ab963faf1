#ifndef FETCH_CONTRIBUTORS_CSQLITE_SHIM_H
#define FETCH_CONTRIBUTORS_CSQLITE_SHIM_H

#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro that casts -1 to a function pointer, which Swift cannot import.
// Binding with it makes SQLite copy the bytes before sqlite3_bind_* returns.
static inline sqlite3_destructor_type fc_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

// sqlite3_config is variadic, which Swift cannot call. Turning off SQLite's memory statistics
// removes a mutex lock and unlock from every allocation SQLite makes. It must run before SQLite
// initialises, that is before the first connection opens, and then returns SQLITE_OK.
static inline int fc_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

#endif
