/* notify.h - notifications to applicants: queued in the outbox in the same
 * transaction as the event that causes them, delivered by a background
 * worker over SMTP (e-mail) and an HTTP webhook (an SMS or WhatsApp
 * gateway), retried with backoff; failures visible to admins. */
#ifndef SATUPINTU_API_NOTIFY_H
#define SATUPINTU_API_NOTIFY_H

#include "api/app.h"
#include "store/applications.h"
#include "store/users.h"

/* Queues the message of template ("submitted", "returned", "issued",
 * "rejected") for the applicant of a, on every channel he can be reached on.
 * Inside the caller's transaction; an applicant without contact gets none. */
int api_notify(http_req_t *req, app_t *app, db_conn_t *c, const application_t *a, const char *template_name,
               const char *comment, db_err_t *err);

/* The same for an applicant whose row the caller has (u, borrowed): no read. */
int api_notify_to(app_t *app, db_conn_t *c, const application_t *a, const user_t *u, const char *template_name,
                  const char *comment, db_err_t *err);

typedef struct {
    const char *smtp_host;  /* NULL: e-mails wait in the outbox */
    unsigned smtp_port;
    const char *smtp_from;
    const char *webhook;    /* "http://gateway:8080/send"; NULL: messages wait */
    unsigned interval_s;
} notify_config_t;

typedef struct notify_worker notify_worker_t;

/* Starts the delivery thread; NULL on failure. Stop with notify_stop(). */
notify_worker_t *notify_start(app_t *app, const notify_config_t *cfg);
void notify_stop(notify_worker_t *w);

/* One delivery pass (tests call it through the worker); returns messages sent or -1. */
int notify_pass(app_t *app, const notify_config_t *cfg);

/* GET /api/v1/notifications?region=&status= (admins) */
void api_notifications_list(http_req_t *req, void *app);

#endif
