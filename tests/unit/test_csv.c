/* test_csv.c - lib/csv: RFC 4180 records, quoting, CRLF, errors, line numbers. */
#include "lib/csv.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

/* Writes n bytes to a fresh temp file and opens a reader on it. */
static csv_reader_t *open_bytes(const char *bytes, size_t n)
{
    strcpy(path, "/tmp/satupintu-csv-XXXXXX");
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, bytes, n), (ssize_t)n);
    close(fd);
    csv_reader_t *r = csv_open(path);
    cr_assert_not_null(r);
    return r;
}

static csv_reader_t *open_text(const char *text)
{
    return open_bytes(text, strlen(text));
}

static void finish(csv_reader_t *r)
{
    csv_close(r);
    unlink(path);
}

Test(csv, header_and_plain_records)
{
    csv_reader_t *r = open_text("code,province_code,name\n32.11,32,KABUPATEN SUMEDANG\n32.73,32,KOTA BANDUNG\n");
    char *f[CSV_MAX_FIELDS];
    cr_assert_eq(csv_next(r, f), 3);
    cr_assert_str_eq(f[0], "code");
    cr_assert_str_eq(f[1], "province_code");
    cr_assert_str_eq(f[2], "name");
    cr_assert_eq(csv_line(r), 1);
    cr_assert_eq(csv_next(r, f), 3);
    cr_assert_str_eq(f[0], "32.11");
    cr_assert_str_eq(f[2], "KABUPATEN SUMEDANG");
    cr_assert_eq(csv_line(r), 2);
    cr_assert_eq(csv_next(r, f), 3);
    cr_assert_str_eq(f[2], "KOTA BANDUNG");
    cr_assert_eq(csv_line(r), 3);
    cr_assert_eq(csv_next(r, f), 0);
    cr_assert_eq(csv_next(r, f), 0, "EOF stays EOF");
    finish(r);
}

Test(csv, quoted_comma_and_doubled_quotes)
{
    csv_reader_t *r = open_text("\"a,b\",\"say \"\"hi\"\"\",plain\n\"\",x,\"\"\"\"\n");
    char *f[CSV_MAX_FIELDS];
    cr_assert_eq(csv_next(r, f), 3);
    cr_assert_str_eq(f[0], "a,b");
    cr_assert_str_eq(f[1], "say \"hi\"");
    cr_assert_str_eq(f[2], "plain");
    cr_assert_eq(csv_next(r, f), 3);
    cr_assert_str_eq(f[0], "");
    cr_assert_str_eq(f[1], "x");
    cr_assert_str_eq(f[2], "\"");
    cr_assert_eq(csv_next(r, f), 0);
    finish(r);
}

Test(csv, crlf_line_ends)
{
    csv_reader_t *r = open_text("code,name\r\n11,ACEH\r\n\"12\",\"SUMATERA UTARA\"\r\n");
    char *f[CSV_MAX_FIELDS];
    cr_assert_eq(csv_next(r, f), 2);
    cr_assert_str_eq(f[1], "name", "no stray \\r on the last field");
    cr_assert_eq(csv_next(r, f), 2);
    cr_assert_str_eq(f[0], "11");
    cr_assert_str_eq(f[1], "ACEH");
    cr_assert_eq(csv_next(r, f), 2);
    cr_assert_str_eq(f[0], "12");
    cr_assert_str_eq(f[1], "SUMATERA UTARA");
    cr_assert_eq(csv_line(r), 3);
    cr_assert_eq(csv_next(r, f), 0);
    finish(r);
}

Test(csv, newline_inside_quotes_and_line_numbers)
{
    csv_reader_t *r = open_text("a,\"line1\nline2\"\nb,c\n");
    char *f[CSV_MAX_FIELDS];
    cr_assert_eq(csv_next(r, f), 2);
    cr_assert_str_eq(f[1], "line1\nline2");
    cr_assert_eq(csv_line(r), 1);
    cr_assert_eq(csv_next(r, f), 2);
    cr_assert_str_eq(f[0], "b");
    cr_assert_eq(csv_line(r), 3, "the record after a 2-line record starts on line 3");
    finish(r);
}

Test(csv, last_record_without_newline)
{
    csv_reader_t *r = open_text("x,y\n1,\"two\"");
    char *f[CSV_MAX_FIELDS];
    cr_assert_eq(csv_next(r, f), 2);
    cr_assert_eq(csv_next(r, f), 2);
    cr_assert_str_eq(f[0], "1");
    cr_assert_str_eq(f[1], "two");
    cr_assert_eq(csv_next(r, f), 0);
    finish(r);
}

Test(csv, empty_fields)
{
    csv_reader_t *r = open_text(",,\n");
    char *f[CSV_MAX_FIELDS];
    cr_assert_eq(csv_next(r, f), 3);
    for (int i = 0; i < 3; i++)
        cr_assert_str_eq(f[i], "");
    finish(r);
}

Test(csv, empty_file)
{
    csv_reader_t *r = open_text("");
    char *f[CSV_MAX_FIELDS];
    cr_assert_eq(csv_next(r, f), 0);
    finish(r);
}

Test(csv, unterminated_quote_is_error)
{
    csv_reader_t *r = open_text("ok,1\n\"never closed,2\n3,4\n");
    char *f[CSV_MAX_FIELDS];
    cr_assert_eq(csv_next(r, f), 2);
    cr_assert_eq(csv_next(r, f), -1);
    cr_assert_eq(csv_line(r), 2, "the error is reported where the record started");
    finish(r);
}

Test(csv, unterminated_quote_after_doubled_quote_is_error)
{
    csv_reader_t *r = open_text("\"abc\"\"");
    char *f[CSV_MAX_FIELDS];
    cr_assert_eq(csv_next(r, f), -1);
    finish(r);
}

Test(csv, quote_inside_unquoted_field_is_error)
{
    csv_reader_t *r = open_text("ab\"c,d\n");
    char *f[CSV_MAX_FIELDS];
    cr_assert_eq(csv_next(r, f), -1);
    finish(r);
}

Test(csv, text_after_a_closing_quote_is_error)
{
    /* RFC 4180: a quoted field ends at its closing quote; only a comma or the
     * line end may follow. '"Ja"an' is malformed, not the name 'Jaan'. */
    csv_reader_t *r = open_text("32.11,\"Ja\"an\n");
    char *f[CSV_MAX_FIELDS];
    int n = csv_next(r, f);
    cr_assert_eq(n, -1, "'\"Ja\"an' gave %d fields (second: '%s')", n, n >= 2 ? f[1] : "");
    finish(r);
}

Test(csv, too_many_fields_is_error)
{
    char line[128] = "";
    for (int i = 0; i < CSV_MAX_FIELDS; i++)
        strcat(line, "x,");
    strcat(line, "x\n"); /* CSV_MAX_FIELDS + 1 fields */
    csv_reader_t *r = open_text(line);
    char *f[CSV_MAX_FIELDS];
    cr_assert_eq(csv_next(r, f), -1);
    finish(r);

    char ok[128] = "";
    for (int i = 0; i < CSV_MAX_FIELDS - 1; i++)
        strcat(ok, "y,");
    strcat(ok, "y\n"); /* exactly CSV_MAX_FIELDS */
    r = open_text(ok);
    cr_assert_eq(csv_next(r, f), CSV_MAX_FIELDS);
    cr_assert_str_eq(f[CSV_MAX_FIELDS - 1], "y");
    finish(r);
}

Test(csv, utf8_passes_through)
{
    csv_reader_t *r = open_text("1,\"Pidië, Aceh\"\n");
    char *f[CSV_MAX_FIELDS];
    cr_assert_eq(csv_next(r, f), 2);
    cr_assert_str_eq(f[1], "Pidië, Aceh");
    finish(r);
}

Test(csv, long_field)
{
    size_t n = 100000;
    char *text = malloc(n + 8);
    text[0] = '"';
    memset(text + 1, 'w', n);
    strcpy(text + 1 + n, "\",z\n");
    csv_reader_t *r = open_text(text);
    char *f[CSV_MAX_FIELDS];
    cr_assert_eq(csv_next(r, f), 2);
    cr_assert_eq(strlen(f[0]), n);
    cr_assert_str_eq(f[1], "z");
    finish(r);
    free(text);
}

Test(csv, open_missing_file_fails)
{
    cr_assert_null(csv_open("/nonexistent/satupintu/none.csv"));
    csv_close(NULL);
}
