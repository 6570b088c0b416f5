/* contact.c - see contact.h. */
#include "domain/contact.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

bool phone_normalize(const char *in, char *out, size_t outlen)
{
    char digits[32];
    size_t n = 0;
    bool plus = false;
    for (const char *p = in; *p; p++) {
        if (*p == '+' && n == 0 && !plus) {
            plus = true;
        } else if (isdigit((unsigned char)*p)) {
            if (n + 1 >= sizeof digits)
                return false;
            digits[n++] = *p;
        } else if (*p != ' ' && *p != '-' && *p != '.' && *p != '(' && *p != ')') {
            return false;
        }
    }
    digits[n] = '\0';
    const char *rest; /* the subscriber part after the 0 or 62: starts with 8 */
    if (!plus && digits[0] == '0')
        rest = digits + 1;
    else if (strncmp(digits, "62", 2) == 0)
        rest = digits + 2;
    else
        return false;
    size_t total = strlen(rest) + 1; /* digits as written with a leading 0 */
    if (rest[0] != '8' || total < 10 || total > 15)
        return false;
    return snprintf(out, outlen, "+62%s", rest) < (int)outlen;
}

void phone_mask(const char *p, char *out, size_t outlen)
{
    size_t n = strlen(p);
    if (n <= 10) {
        snprintf(out, outlen, "%.3s****", p);
        return;
    }
    snprintf(out, outlen, "%.6s%.*s%s", p, (int)(n - 10), "**********", p + n - 4);
}

bool email_normalize(const char *in, char *out, size_t outlen)
{
    size_t n = strlen(in);
    if (n < 5 || n > 254 || n + 1 > outlen)
        return false;
    const char *at = strchr(in, '@');
    if (!at || at == in || strchr(at + 1, '@'))
        return false;
    const char *dot = strrchr(at, '.');
    if (!dot || dot == at + 1 || dot[1] == '\0')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c <= ' ' || c >= 0x7f || c == '"' || c == ',' || c == '<' || c == '>' || c == '\\')
            return false;
        out[i] = (char)tolower(c);
    }
    out[n] = '\0';
    return true;
}

void email_mask(const char *e, char *out, size_t outlen)
{
    const char *at = strchr(e, '@');
    if (!at) {
        snprintf(out, outlen, "***");
        return;
    }
    snprintf(out, outlen, "%c***%s", e[0], at);
}

/* Passwords of 10 characters or more that appear at the top of public leak
 * lists, with Indonesian favourites; shorter ones fail the length rule anyway. */
static const char *const common[] = {
    "1234567890", "12345678910", "123456789a", "0987654321", "1111111111", "0000000000", "1234512345",
    "1122334455", "1q2w3e4r5t", "qwertyuiop", "qwerty1234", "qwerty12345", "asdfghjkl1", "zxcvbnm123",
    "password12", "password123", "password1234", "passw0rd123", "p@ssw0rd123", "iloveyou12", "iloveyou123",
    "abcdefghij", "abcd123456", "abc1234567", "administrator", "admin12345", "admin123456", "welcome123",
    "letmein123", "football123", "sunshine123", "princess123", "monkey12345", "dragon12345", "master12345",
    "indonesia1", "indonesia123", "bismillah1", "bismillah123", "alhamdulillah", "sayangku123", "sayang12345",
    "jakarta123", "bandung123", "sumedang123", "katasandi123", "rahasia123", "merdeka1945", "garuda1234",
    "satupintu123", "changeme123", "default1234", "aaaaaaaaaa", "1qaz2wsx3edc", "qazwsxedc123",
};

bool password_is_common(const char *password)
{
    for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
        if (strcasecmp(password, common[i]) == 0)
            return true;
    return false;
}
