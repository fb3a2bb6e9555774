/* The schema on a PostgreSQL server (schema_pg.c): what pg.c runs to create or upgrade it. */
#ifndef CX_SCHEMA_PG_H
#define CX_SCHEMA_PG_H

/* Each step brings a database to schema version `to`; a new database runs them all. */
typedef struct cx_pg_step {
	int to;
	const char *const *sql; /* run in order, up to a NULL */
} cx_pg_step;

extern const cx_pg_step cx_pg_steps[];
extern const int cx_pg_nsteps;
/* Statements that set each table's id sequence past its highest id. */
extern const char cx_pg_ids_follow[];

#endif
