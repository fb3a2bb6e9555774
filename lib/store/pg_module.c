/* Team mode's engine, loaded from its module only when a database is on a PostgreSQL server. */
#include <dlfcn.h>
#include "backend.h"

/* The module's file name; the program's run path says where it is (meson.build). */
#define CX_PG_MODULE "cx-postgresql.so"

int cx_pg_load(const cx_backend **be, cx_err *err)
{
#ifdef CX_HAVE_PG
	static const cx_backend *loaded;
	if (!loaded) {
		/* never closed: the engine's code runs until the program ends */
		void *module = dlopen(CX_PG_MODULE, RTLD_NOW | RTLD_LOCAL);
		if (!module)
			return cx_fail(err, CX_EUNAVAIL,
				       "team mode cannot start: %s (install cx again with PostgreSQL, "
				       "and libpq5 with it)", dlerror());
		loaded = dlsym(module, "cx_pg_backend");
		if (!loaded)
			return cx_fail(err, CX_EUNAVAIL, "%s is not the module of this cx: %s (install cx again)",
				       CX_PG_MODULE, dlerror());
	}
	*be = loaded;
	return CX_OK;
#else
	(void)be;
	return cx_fail(err, CX_EUNAVAIL,
		       "this cx was built without PostgreSQL (install libpq-dev and build again) to use a server");
#endif
}
