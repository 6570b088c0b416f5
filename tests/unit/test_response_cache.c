/* test_response_cache.c - api/response_cache: versioned, bounded answers. */
#include "api/response_cache.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool get_str(response_cache_t *c, const char *key, const char *want)
{
    char *out = NULL;
    size_t len = 0;
    if (!response_cache_get(c, key, &out, &len))
        return false;
    bool same = len == strlen(want) && memcmp(out, want, len) == 0;
    free(out);
    cr_assert(same, "key %s holds other bytes", key);
    return true;
}

Test(response_cache, starts_without_a_version_and_refuses_puts_for_others)
{
    response_cache_t *c = response_cache_new(8);
    cr_assert_not_null(c);
    int64_t v0 = response_cache_version(c);
    response_cache_put(c, "32", "x", 1, v0 + 1);
    cr_assert_not(get_str(c, "32", "x"), "a put for another version is ignored");
    response_cache_free(c);
}

Test(response_cache, put_get_copy_out)
{
    response_cache_t *c = response_cache_new(8);
    response_cache_set_version(c, 5);
    cr_assert_eq(response_cache_version(c), 5);
    char bytes[] = "{\"code\":\"32\"}";
    response_cache_put(c, "32", bytes, strlen(bytes), 5);
    bytes[2] = 'X'; /* the cache holds its own copy */
    char *out = NULL;
    size_t len = 0;
    cr_assert(response_cache_get(c, "32", &out, &len));
    cr_assert_eq(len, strlen("{\"code\":\"32\"}"));
    cr_assert_eq(memcmp(out, "{\"code\":\"32\"}", len), 0);
    out[0] = '!'; /* and hands out copies */
    free(out);
    cr_assert(get_str(c, "32", "{\"code\":\"32\"}"));
    cr_assert_not(get_str(c, "33", ""));
    response_cache_free(c);
}

Test(response_cache, binary_and_empty_values)
{
    response_cache_t *c = response_cache_new(8);
    response_cache_set_version(c, 1);
    response_cache_put(c, "bin", "a\0b", 3, 1);
    response_cache_put(c, "empty", "", 0, 1);
    char *out;
    size_t len;
    cr_assert(response_cache_get(c, "bin", &out, &len));
    cr_assert_eq(len, 3);
    cr_assert_eq(memcmp(out, "a\0b", 3), 0);
    free(out);
    cr_assert(response_cache_get(c, "empty", &out, &len));
    cr_assert_eq(len, 0);
    free(out);
    response_cache_free(c);
}

Test(response_cache, first_put_wins)
{
    response_cache_t *c = response_cache_new(8);
    response_cache_set_version(c, 1);
    response_cache_put(c, "k", "first", 5, 1);
    response_cache_put(c, "k", "second", 6, 1);
    cr_assert(get_str(c, "k", "first"));
    response_cache_free(c);
}

Test(response_cache, version_change_clears)
{
    response_cache_t *c = response_cache_new(8);
    response_cache_set_version(c, 1);
    response_cache_put(c, "a", "A", 1, 1);
    response_cache_put(c, "b", "B", 1, 1);
    response_cache_set_version(c, 1); /* same version: nothing happens */
    cr_assert(get_str(c, "a", "A"));
    response_cache_set_version(c, 2);
    cr_assert_eq(response_cache_version(c), 2);
    cr_assert_not(get_str(c, "a", "A"));
    cr_assert_not(get_str(c, "b", "B"));
    /* an answer rendered from the old data, stored late, is refused */
    response_cache_put(c, "a", "stale", 5, 1);
    cr_assert_not(get_str(c, "a", "stale"));
    response_cache_put(c, "a", "fresh", 5, 2);
    cr_assert(get_str(c, "a", "fresh"));
    /* going back to an older number is also a change */
    response_cache_set_version(c, 1);
    cr_assert_not(get_str(c, "a", "fresh"));
    response_cache_free(c);
}

Test(response_cache, bounded)
{
    response_cache_t *c = response_cache_new(10);
    response_cache_set_version(c, 1);
    char key[16];
    for (int i = 0; i < 50; i++) {
        snprintf(key, sizeof key, "k%d", i);
        response_cache_put(c, key, key, strlen(key), 1);
    }
    int hits = 0;
    for (int i = 0; i < 50; i++) {
        snprintf(key, sizeof key, "k%d", i);
        if (get_str(c, key, key))
            hits++;
    }
    cr_assert_eq(hits, 10, "holds exactly max_entries answers, got %d", hits);
    for (int i = 0; i < 10; i++) {
        snprintf(key, sizeof key, "k%d", i);
        cr_assert(get_str(c, key, key), "the first ten stay");
    }
    /* a version change frees room again */
    response_cache_set_version(c, 2);
    response_cache_put(c, "k49", "k49", 3, 2);
    cr_assert(get_str(c, "k49", "k49"));
    response_cache_free(c);
}

Test(response_cache, zero_capacity_holds_nothing)
{
    response_cache_t *c = response_cache_new(0);
    cr_assert_not_null(c);
    response_cache_set_version(c, 1);
    response_cache_put(c, "a", "A", 1, 1);
    cr_assert_not(get_str(c, "a", "A"));
    response_cache_free(c);
}

Test(response_cache, key_limits)
{
    response_cache_t *c = response_cache_new(8);
    response_cache_set_version(c, 1);
    response_cache_put(c, "", "E", 1, 1);
    cr_assert_not(get_str(c, "", "E"), "empty key is not stored");
    char longest[24];
    memset(longest, 'k', 23);
    longest[23] = '\0';
    response_cache_put(c, longest, "L", 1, 1);
    cr_assert(get_str(c, longest, "L"), "23-character key is fine");
    char toolong[25];
    memset(toolong, 'k', 24);
    toolong[24] = '\0';
    response_cache_put(c, toolong, "T", 1, 1);
    cr_assert_not(get_str(c, toolong, "T"), "24-character key is not stored");
    /* a village code, the longest real key, fits */
    response_cache_put(c, "32.11.01.2001", "V", 1, 1);
    cr_assert(get_str(c, "32.11.01.2001", "V"));
    response_cache_free(c);
}

Test(response_cache, due_at_most_once_a_second)
{
    response_cache_t *c = response_cache_new(4);
    int64_t t = 1795420800000LL;
    cr_assert(response_cache_due(c, t), "first check is due");
    cr_assert_not(response_cache_due(c, t));
    cr_assert_not(response_cache_due(c, t + 999));
    cr_assert(response_cache_due(c, t + 1000));
    cr_assert_not(response_cache_due(c, t + 1500));
    cr_assert(response_cache_due(c, t + 2000));
    response_cache_free(c);
}

static response_cache_t *shared;

static void *hammer(void *arg)
{
    int id = (int)(intptr_t)arg;
    char key[16];
    for (int i = 0; i < 2000; i++) {
        snprintf(key, sizeof key, "t%d-%d", id, i % 50);
        int64_t v = response_cache_version(shared);
        response_cache_put(shared, key, key, strlen(key), v);
        char *out;
        size_t len;
        if (response_cache_get(shared, key, &out, &len)) {
            if (len != strlen(key) || memcmp(out, key, len) != 0)
                abort();
            free(out);
        }
        if (id == 0 && i % 100 == 0)
            response_cache_set_version(shared, i);
    }
    return NULL;
}

Test(response_cache, concurrent_use)
{
    shared = response_cache_new(64);
    response_cache_set_version(shared, 0);
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, hammer, (void *)(intptr_t)i);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    response_cache_free(shared);
}

Test(response_cache, free_null)
{
    response_cache_free(NULL);
}
