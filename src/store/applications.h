/* applications.h - applications, their events, documents and idempotency
 * keys. Results are copied into the caller's arena; writes run inside the
 * caller's transaction. */
#ifndef SATUPINTU_STORE_APPLICATIONS_H
#define SATUPINTU_STORE_APPLICATIONS_H

#include "lib/arena.h"
#include "store/db.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int64_t id;
    const char *uuid, *region_code;
    int64_t service_id;
    const char *service_code, *service_name; /* joined */
    int64_t agency_id;                        /* joined */
    const char *agency_name;                  /* joined */
    const char *workflow;                     /* JSON snapshot (read: the started-with workflow) */
    int64_t workflow_id;                      /* insert: workflows_id() of that snapshot */
    int64_t sla_minutes;
    const char *tracking_no, *pin_hash;
    int64_t applicant_id;
    const char *applicant_name, *nik_enc, *nik_bidx, *nik_masked;
    const char *channel, *answers, *state;
    int64_t version, created_by, submitted_at, updated_at;
    int64_t breach_handled_at; /* when the SLA breach policy acted; 0: not (yet) */
} application_t;

typedef struct {
    int64_t id, at, actor_id;
    const char *actor_name, *role, *action, *from_state, *to_state, *comment;
} app_event_t;

typedef struct {
    const char *requirement, *sha256, *type;
    int64_t size, uploaded_at;
} app_document_t;

/* The id of the stored workflow with this SHA-256: 1 found, 0 not stored yet. */
int workflows_find(db_conn_t *c, const char *sha256, int64_t *id, db_err_t *err);

/* The id of the stored workflow with this SHA-256 (of body), adding it when
 * new. Inside the caller's transaction. Stored workflows are never removed. */
int workflows_id(db_conn_t *c, const char *sha256, const char *body, int64_t *id, db_err_t *err);

/* Inserts a (its workflow by a->workflow_id); *id gets the id. DB_CONFLICT
 * when the tracking number is taken. */
int applications_insert(db_conn_t *c, const application_t *a, int64_t *id, db_err_t *err);

/* True when a tracking number is in use. */
int applications_tracking_taken(db_conn_t *c, const char *tracking_no, bool *taken, db_err_t *err);

/* One application by id / tracking number: 1 found, 0 not. */
int applications_get(db_conn_t *c, arena_t *ar, int64_t id, application_t *out, db_err_t *err);
int applications_by_tracking(db_conn_t *c, arena_t *ar, const char *tracking_no, application_t *out, db_err_t *err);

/* The applications of an applicant with ids below before_id (0: from the
 * newest), newest first, at most max. */
int applications_of(db_conn_t *c, arena_t *ar, int64_t applicant_id, int64_t before_id, application_t *rows, int max,
                    int *n, db_err_t *err);

/* The applications of a region (and agency when not 0) that are not in one of
 * the given final states (NULL-terminated), at most max. */
int applications_open(db_conn_t *c, arena_t *ar, const char *region_code, int64_t agency_id, application_t *rows,
                      int max, int *n, db_err_t *err);

/* Moves the application to state when its version is still version; *changed false when stale. */
int applications_move(db_conn_t *c, int64_t id, const char *state, int64_t version, bool *changed, db_err_t *err);

/* Appends an event. */
int app_events_add(db_conn_t *c, int64_t application_id, const app_event_t *e, db_err_t *err);

/* The events of an application in order (at most max). */
int app_events_of(db_conn_t *c, arena_t *ar, int64_t application_id, app_event_t *rows, int max, int *n,
                  db_err_t *err);

/* Records (or replaces) the document of a requirement. */
int app_documents_put(db_conn_t *c, int64_t application_id, const app_document_t *d, db_err_t *err);

/* The documents of an application (at most max). */
int app_documents_of(db_conn_t *c, arena_t *ar, int64_t application_id, app_document_t *rows, int max, int *n,
                     db_err_t *err);

/* The stored answer of an idempotency key: 1 found (hash, status, body in the arena), 0 none. */
int idempotency_get(db_conn_t *c, arena_t *ar, const char *owner, const char *key, const char **request_hash,
                    int *status, const char **body, db_err_t *err);

/* Stores the answer of a key; *stored false when the key was taken meanwhile. */
int idempotency_put(db_conn_t *c, const char *owner, const char *key, const char *request_hash, int status,
                    const char *body, bool *stored, db_err_t *err);

#endif
