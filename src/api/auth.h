/* auth.h - citizen registration and sign-in: /api/v1/auth/... */
#ifndef SATUPINTU_API_AUTH_H
#define SATUPINTU_API_AUTH_H

#include "api/app.h"

/* POST /api/v1/auth/register {name, nik, phone?, email?, password}: a citizen account. */
void api_auth_register(http_req_t *req, void *app);
/* POST /api/v1/auth/login {login, password}: a session cookie and the CSRF token. */
void api_auth_login(http_req_t *req, void *app);
/* POST /api/v1/auth/logout: ends the session. */
void api_auth_logout(http_req_t *req, void *app);
/* GET /api/v1/auth/me: the signed-in user and the CSRF token. */
void api_auth_me(http_req_t *req, void *app);

/* Loads a user with grants and answers its JSON with status (self decides
 * masking): {"user": User[, "csrf_token"]} when wrap, else the bare User. */
void api_reply_user(http_req_t *req, app_t *app, db_conn_t *c, int64_t id, int status, bool self, bool wrap,
                    const char *csrf);

#endif
