/* csv.c - see csv.h. */
#include "lib/csv.h"

#include "lib/buf.h"

#include <stdbool.h>
#include <stdlib.h>

struct csv_reader {
    FILE *f;
    buf_t rec;             /* current record, fields separated by NUL */
    size_t line;           /* line where the current record started */
    size_t next_line;      /* line the next read starts on */
};

csv_reader_t *csv_open(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    csv_reader_t *r = calloc(1, sizeof *r);
    if (!r) {
        fclose(f);
        return NULL;
    }
    r->f = f;
    r->next_line = 1;
    return r;
}

void csv_close(csv_reader_t *r)
{
    if (!r)
        return;
    fclose(r->f);
    buf_free(&r->rec);
    free(r);
}

size_t csv_line(const csv_reader_t *r)
{
    return r->line;
}

int csv_next(csv_reader_t *r, char *fields[CSV_MAX_FIELDS])
{
    buf_reset(&r->rec);
    r->line = r->next_line;
    size_t starts[CSV_MAX_FIELDS];
    int nf = 0;
    bool in_quotes = false;
    bool field_quoted = false;
    bool any = false;
    starts[nf++] = 0;
    for (;;) {
        int c = fgetc(r->f);
        if (c == EOF) {
            if (ferror(r->f) || in_quotes)
                return -1;
            if (!any)
                return 0;
            break;
        }
        any = true;
        if (in_quotes) {
            if (c == '"') {
                int d = fgetc(r->f);
                if (d == '"') {
                    buf_append(&r->rec, "\"", 1);
                    continue;
                }
                in_quotes = false;
                if (d == EOF)
                    break;
                if (d != ',' && d != '\n' && d != '\r')
                    return -1; /* text after a closing quote: "Ja"an */
                c = d; /* fall through to the unquoted handling of d */
            } else {
                if (c == '\n')
                    r->next_line++;
                char ch = (char)c;
                buf_append(&r->rec, &ch, 1);
                continue;
            }
        }
        if (c == '\r')
            continue;
        if (c == '\n') {
            r->next_line++;
            break;
        }
        if (c == ',') {
            if (nf == CSV_MAX_FIELDS)
                return -1;
            buf_append(&r->rec, "", 1); /* the NUL ending the previous field */
            starts[nf++] = r->rec.len;
            field_quoted = false;
            continue;
        }
        if (c == '"') {
            size_t field_len = r->rec.len - starts[nf - 1];
            if (field_len != 0 || field_quoted)
                return -1; /* a quote inside an unquoted field */
            in_quotes = true;
            field_quoted = true;
            continue;
        }
        char ch = (char)c;
        buf_append(&r->rec, &ch, 1);
    }
    if (r->rec.oom || buf_append(&r->rec, "", 1) != 0)
        return -1;
    for (int i = 0; i < nf; i++)
        fields[i] = r->rec.data + starts[i];
    return nf;
}
