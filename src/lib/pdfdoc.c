/* pdfdoc.c - see pdfdoc.h. */
#include "lib/pdfdoc.h"

#include <hpdf.h>
#include <qrencode.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    jmp_buf jb;
} hpdf_guard_t;

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    (void)error_no;
    (void)detail_no;
    longjmp(((hpdf_guard_t *)user)->jb, 1);
}

/* UTF-8 to Latin-1 for the standard fonts; what Latin-1 lacks becomes '?'. */
static void latin1(const char *in, char *out, size_t outlen)
{
    size_t o = 0;
    const unsigned char *s = (const unsigned char *)in;
    while (*s && o + 1 < outlen) {
        unsigned cp;
        if (*s < 0x80) {
            cp = *s++;
        } else if ((*s & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
            cp = ((unsigned)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
            s += 2;
        } else {
            cp = '?';
            s++;
            while ((*s & 0xC0) == 0x80)
                s++;
        }
        out[o++] = (char)(cp < 0x100 ? cp : '?');
    }
    out[o] = '\0';
}

static void text(HPDF_Page page, HPDF_Font font, float size, float x, float y, const char *utf8)
{
    char buf[512];
    latin1(utf8, buf, sizeof buf);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, size);
    HPDF_Page_TextOut(page, x, y, buf);
    HPDF_Page_EndText(page);
}

static void draw_qr(HPDF_Page page, const char *url, float x, float y, float size)
{
    QRcode *qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr)
        return;
    float cell = size / (float)(qr->width + 8); /* four modules of quiet zone each side */
    HPDF_Page_SetRGBFill(page, 0, 0, 0);
    for (int r = 0; r < qr->width; r++)
        for (int c = 0; c < qr->width; c++)
            if (qr->data[r * qr->width + c] & 1)
                HPDF_Page_Rectangle(page, x + (float)(c + 4) * cell, y + size - (float)(r + 5) * cell, cell, cell);
    HPDF_Page_Fill(page);
    QRcode_free(qr);
}

int pdfdoc_render(const char *heading, const char *title, const pdfdoc_line_t *lines, size_t n, const char *footer,
                  const char *qr_url, unsigned char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    hpdf_guard_t guard;
    HPDF_Doc pdf = HPDF_New(on_error, &guard);
    if (!pdf)
        return -1;
    if (setjmp(guard.jb)) {
        HPDF_Free(pdf);
        free(*out);
        *out = NULL;
        return -1;
    }
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    HPDF_Font bold = HPDF_GetFont(pdf, "Helvetica-Bold", "WinAnsiEncoding");
    HPDF_Font regular = HPDF_GetFont(pdf, "Helvetica", "WinAnsiEncoding");
    float h = HPDF_Page_GetHeight(page);
    text(page, bold, 12, 56, h - 64, heading);
    text(page, bold, 18, 56, h - 100, title);
    float y = h - 140;
    for (size_t i = 0; i < n; i++, y -= 22) {
        text(page, bold, 10, 56, y, lines[i].label);
        text(page, regular, 10, 190, y, lines[i].value ? lines[i].value : "-");
    }
    draw_qr(page, qr_url, 56, y - 170, 150);
    text(page, regular, 8, 220, y - 60, footer);
    text(page, regular, 8, 220, y - 76, qr_url);
    HPDF_SaveToStream(pdf);
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
    *out = malloc(size ? size : 1);
    if (!*out) {
        HPDF_Free(pdf);
        return -1;
    }
    HPDF_UINT32 got = size;
    HPDF_ResetStream(pdf);
    HPDF_ReadFromStream(pdf, *out, &got);
    *len = got;
    HPDF_Free(pdf);
    return 0;
}
