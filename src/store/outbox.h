/* outbox.h - messages waiting to be delivered, and their fate. */
#ifndef SATUPINTU_STORE_OUTBOX_H
#define SATUPINTU_STORE_OUTBOX_H

#include "lib/arena.h"
#include "store/db.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int64_t id, application_id;
    const char *region_code, *channel, *recipient_enc, *recipient_masked, *template_name, *subject, *body, *status;
    int64_t attempts, next_attempt_at;
    const char *last_error;
    int64_t created_at, sent_at;
} outbox_msg_t;

/* Queues a message (inside the caller's transaction). */
int outbox_add(db_conn_t *c, const outbox_msg_t *m, db_err_t *err);

/* Pending messages due at now_ms on the channels that can deliver now
 * (email, webhook), the longest waiting first (at most max). */
int outbox_due(db_conn_t *c, arena_t *a, int64_t now_ms, bool email, bool webhook, outbox_msg_t *rows, int max, int *n,
               db_err_t *err);

/* Records a delivery: sent, or another failed attempt (failed for good when final). */
int outbox_sent(db_conn_t *c, int64_t id, db_err_t *err);
int outbox_retry(db_conn_t *c, int64_t id, int64_t next_attempt_at, bool final, const char *error, db_err_t *err);

/* The messages of a region (and the codes below it) with status (NULL: any) and ids
 * below before_id (0: from the newest), newest first, at most max; strings copied into a. */
int outbox_list(db_conn_t *c, arena_t *a, const char *region_code, const char *status, int64_t before_id,
                outbox_msg_t *rows, int max, int *n, db_err_t *err);

#endif
