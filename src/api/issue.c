/* issue.c - see issue.h. */
#include "api/issue.h"

#include "api/files.h"
#include "api/people.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/crypto.h"
#include "lib/pdfdoc.h"
#include "store/issued.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool fail(db_err_t *err, const char *msg)
{
    if (err) {
        err->status = DB_ERROR;
        snprintf(err->msg, sizeof err->msg, "%s", msg);
    }
    return false;
}

/* "Siti Aminah" -> "S*** A***": enough to recognise, not to identify. */
static void mask_name(const char *name, char *out, size_t len)
{
    size_t o = 0;
    bool start = true;
    for (const char *p = name; *p && o + 4 < len; p++) {
        if (*p == ' ') {
            out[o++] = ' ';
            start = true;
        } else if (start) {
            out[o++] = *p;
            memcpy(out + o, "***", 3);
            o += 3;
            start = false;
        }
    }
    out[o] = '\0';
}

/* The verification code: 16 characters of Crockford base32 from 80 random bits. */
static void new_code(char out[17])
{
    static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    unsigned char r[10];
    crypto_random(r, sizeof r);
    for (int i = 0; i < 16; i++) {
        int bit = i * 5, byte = bit / 8, shift = bit % 8;
        unsigned v = ((unsigned)r[byte] << 8 | (byte + 1 < 10 ? r[byte + 1] : 0)) >> (11 - shift);
        out[i] = alphabet[v & 31];
    }
    out[16] = '\0';
}

/* The message a signature covers: the canonical content and the PDF's hash. */
static char *signed_message(const char *content, const char *pdf_sha, size_t *len)
{
    buf_t b = BUF_INIT;
    buf_puts(&b, content);
    buf_puts(&b, "\n");
    buf_puts(&b, pdf_sha);
    return b.oom ? (buf_free(&b), NULL) : buf_detach(&b, len);
}

bool api_issue_document(http_req_t *req, app_t *app, db_conn_t *c, const application_t *a, bool deemed, db_err_t *err)
{
    char code[17], masked_name[256], pk[65], issued_at_text[40];
    new_code(code);
    mask_name(a->applicant_name, masked_name, sizeof masked_name);
    keyring_public_hex(app->keys, pk);
    int64_t now = clock_now_ms();
    json_t *when = api_time_json(now, a->region_code);
    snprintf(issued_at_text, sizeof issued_at_text, "%s", json_string_value(when));
    json_decref(when);
    json_t *content = json_pack("{s:s, s:s, s:s, s:{s:I, s:s}, s:{s:I, s:s}, s:s, s:{s:s, s:o}, s:s, s:s}", "code", code,
                                "number", a->tracking_no, "decision", deemed ? "deemed_approved" : "approved", "service",
                                "id", (json_int_t)a->service_id, "name", a->service_name, "agency", "id",
                                (json_int_t)a->agency_id, "name", a->agency_name, "region_code", a->region_code,
                                "issued_to", "name", masked_name, "nik",
                                a->nik_masked ? json_string(a->nik_masked) : json_null(), "issued_at", issued_at_text,
                                "public_key", pk);
    char *text = content ? json_dumps(content, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(content);
    if (!text)
        return fail(err, "out of memory");
    char url[512];
    snprintf(url, sizeof url, "%s/verify/%s", app->public_url, code);
    const char *decision = deemed ? "Disetujui demi hukum (fiktif positif, PP 28/2025): batas waktu layanan terlampaui"
                                  : "Disetujui";
    pdfdoc_line_t lines[] = {
        {"Nomor", a->tracking_no}, {"Layanan", a->service_name}, {"Instansi", a->agency_name},
        {"Wilayah", a->region_code}, {"Diberikan kepada", masked_name}, {"NIK", a->nik_masked},
        {"Keputusan", decision},     {"Tanggal terbit", issued_at_text}, {"Kode verifikasi", code},
    };
    unsigned char *pdf = NULL;
    size_t pdf_len = 0;
    char pdf_sha[65];
    bool ok = pdfdoc_render("satupintu - Mal Pelayanan Publik Digital", a->service_name, lines,
                            sizeof lines / sizeof lines[0],
                            "Ditandatangani secara elektronik (Ed25519). Pindai kode QR untuk memeriksa keasliannya.",
                            url, &pdf, &pdf_len) == 0;
    if (ok) {
        crypto_sha256_hex(pdf, pdf_len, pdf_sha);
        ok = api_store_file(app->data_dir, pdf_sha, pdf, pdf_len);
    }
    free(pdf);
    size_t mlen = 0;
    char *msg = ok ? signed_message(text, pdf_sha, &mlen) : NULL;
    if (!msg) {
        free(text);
        return fail(err, "cannot render or store the issued document");
    }
    char sig[129];
    keyring_sign(app->keys, msg, mlen, sig);
    free(msg);
    (void)req;
    issued_doc_t d = {.code = code, .application_id = a->id, .region_code = a->region_code, .content = text,
                      .pdf_sha256 = pdf_sha, .signature = sig, .public_key = pk, .issued_at = now};
    int rc = issued_insert(c, &d, err);
    free(text);
    return rc == DB_OK;
}

void api_document_verify(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *code = http_param(req, "code");
    db_conn_t *c = api_conn(req, app);
    if (!c)
        return;
    db_err_t err = {0};
    issued_doc_t d;
    int rc = strlen(code) == 16 ? issued_get(c, req->arena, code, &d, &err) : 0;
    if (rc < 0) {
        api_db_failed(req, &err);
        return;
    }
    if (rc == 0) {
        http_reply_error(req, 404, "not_found",
                         http_tr(req, "Tidak ada dokumen dengan kode ini: dokumen ini tidak diterbitkan oleh satupintu.",
                                 "No document has this code: it was not issued by satupintu."), NULL);
        return;
    }
    /* Genuine: the signature covers the stored content and the stored PDF, and both are unchanged. */
    size_t pdf_len = 0, mlen = 0;
    char *pdf = api_read_file(app->data_dir, d.pdf_sha256, &pdf_len);
    char pdf_sha[65] = "";
    if (pdf)
        crypto_sha256_hex(pdf, pdf_len, pdf_sha);
    free(pdf);
    char *msg = signed_message(d.content, d.pdf_sha256, &mlen);
    bool sig_ok = msg && keyring_verify(app->keys, d.public_key, msg, mlen, d.signature);
    free(msg);
    char own[65];
    keyring_public_hex(app->keys, own);
    bool ours = strcmp(own, d.public_key) == 0;
    bool pdf_ok = strcmp(pdf_sha, d.pdf_sha256) == 0;
    json_t *content = json_loads(d.content, 0, NULL);
    if (!content)
        content = json_object();
    bool genuine = sig_ok && pdf_ok && ours;
    json_object_set_new(content, "genuine", json_boolean(genuine));
    if (!genuine)
        json_object_set_new(content, "reason", json_string(!sig_ok ? http_tr(req, "Isi dokumen tidak cocok dengan tanda tangannya: telah diubah.", "The content does not match its signature: it was changed.")
                                                   : !pdf_ok ? http_tr(req, "Berkas PDF yang tersimpan telah diubah atau hilang.", "The stored PDF was changed or is missing.")
                                                             : http_tr(req, "Ditandatangani dengan kunci lain.", "Signed with another key.")));
    json_object_set_new(content, "signature", json_string(d.signature));
    http_reply_json(req, 200, content);
}
