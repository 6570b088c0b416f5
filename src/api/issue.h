/* issue.h - documents issued on approval: a PDF with a QR code of the public
 * verification URL, signed with the instance's Ed25519 key, and verification
 * that shows whether a stored document is genuine and unchanged. */
#ifndef SATUPINTU_API_ISSUE_H
#define SATUPINTU_API_ISSUE_H

#include "api/app.h"
#include "store/applications.h"

#include <stdbool.h>

/* Issues the document of a (inside the caller's open transaction); deemed
 * marks a deemed approval (PP 28/2025 fiktif positif). false with err set
 * (or an answer) on failure. */
bool api_issue_document(http_req_t *req, app_t *app, db_conn_t *c, const application_t *a, bool deemed, db_err_t *err);

/* GET /api/v1/documents/{code}/verify (public) */
void api_document_verify(http_req_t *req, void *app);

/* GET /api/v1/applications/{id}/document.pdf (the applicant and officers) */
void api_document_pdf(http_req_t *req, void *app);

#endif
