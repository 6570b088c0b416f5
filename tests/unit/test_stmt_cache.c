/* test_stmt_cache.c - store/stmt_cache: open addressing with linear probing;
 * removal must keep every remaining probe chain findable. */
#include "store/stmt_cache.h"

#include "store/db_internal.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes into out the n-th string (counting from *next) whose hash falls in
 * bucket `bucket` of a table of 2^bits slots. */
static void colliding(unsigned bits, size_t bucket, unsigned *next, char *out, size_t outlen)
{
    for (;;) {
        snprintf(out, outlen, "SELECT %u FROM t", (*next)++);
        if ((db_sql_hash(out) & ((1u << bits) - 1)) == bucket)
            return;
    }
}

static void *H(size_t i)
{
    return (void *)(uintptr_t)(0x1000 + i);
}

Test(stmt_cache, empty_cache_finds_nothing)
{
    stmt_cache_t c = {0};
    cr_assert_null(stmt_cache_find(&c, "SELECT 1"));
    stmt_cache_clear(&c, NULL);
    stmt_cache_free(&c);
}

Test(stmt_cache, add_find_and_serials)
{
    stmt_cache_t c = {0};
    stmt_entry_t *a = stmt_cache_add(&c, "SELECT 1", H(1));
    cr_assert_not_null(a);
    cr_assert_eq(a->handle, H(1));
    cr_assert_str_eq(a->sql, "SELECT 1");
    int sa = a->serial;
    stmt_entry_t *b = stmt_cache_add(&c, "SELECT 2", H(2));
    cr_assert_neq(b->serial, sa, "each statement gets its own name");
    cr_assert_eq(c.used, 2);
    cr_assert_eq(c.cap & (c.cap - 1), 0, "cap is a power of two");
    stmt_entry_t *f = stmt_cache_find(&c, "SELECT 1");
    cr_assert_not_null(f);
    cr_assert_eq(f->handle, H(1));
    cr_assert_eq(f->serial, sa);
    cr_assert_null(stmt_cache_find(&c, "SELECT 3"));
    cr_assert_null(stmt_cache_find(&c, "SELECT 1 "), "exact text only");
    stmt_cache_clear(&c, NULL);
    stmt_cache_free(&c);
}

Test(stmt_cache, owns_its_copy_of_the_sql)
{
    stmt_cache_t c = {0};
    char sql[] = "SELECT name FROM regions WHERE code = $1";
    stmt_cache_add(&c, sql, H(1));
    sql[0] = 'X';
    cr_assert_not_null(stmt_cache_find(&c, "SELECT name FROM regions WHERE code = $1"));
    cr_assert_null(stmt_cache_find(&c, sql));
    stmt_cache_clear(&c, NULL);
    stmt_cache_free(&c);
}

Test(stmt_cache, adding_twice_returns_the_existing_entry)
{
    stmt_cache_t c = {0};
    stmt_entry_t *a = stmt_cache_add(&c, "SELECT 1", H(1));
    int serial = a->serial;
    stmt_entry_t *b = stmt_cache_add(&c, "SELECT 1", H(2));
    cr_assert_not_null(b);
    cr_assert_eq(b->serial, serial);
    cr_assert_eq(b->handle, H(1), "the first handle stays");
    cr_assert_eq(c.used, 1);
    stmt_cache_clear(&c, NULL);
    stmt_cache_free(&c);
}

Test(stmt_cache, grows_and_keeps_everything)
{
    stmt_cache_t c = {0};
    char sql[64];
    for (size_t i = 0; i < 1000; i++) {
        snprintf(sql, sizeof sql, "SELECT * FROM t%zu", i);
        cr_assert_not_null(stmt_cache_add(&c, sql, H(i)));
        cr_assert_leq(c.used * 2, c.cap, "load factor stays <= 1/2");
    }
    cr_assert_eq(c.used, 1000);
    for (size_t i = 0; i < 1000; i++) {
        snprintf(sql, sizeof sql, "SELECT * FROM t%zu", i);
        stmt_entry_t *e = stmt_cache_find(&c, sql);
        cr_assert_not_null(e, "%s lost after growth", sql);
        cr_assert_eq(e->handle, H(i));
    }
    stmt_cache_clear(&c, NULL);
    stmt_cache_free(&c);
}

/* Many entries hashing to one bucket form one long probe chain; removing
 * entries from its front, middle and end must leave the rest findable. */
Test(stmt_cache, remove_keeps_colliding_chain_findable)
{
    stmt_cache_t c = {0};
    enum { N = 24 };
    char sql[N][48];
    unsigned next = 0;
    /* bucket 60 of a 64-slot table: the chain wraps around past slot 63 */
    for (int i = 0; i < N; i++) {
        colliding(6, 60, &next, sql[i], sizeof sql[i]);
        cr_assert_not_null(stmt_cache_add(&c, sql[i], H(i)));
    }
    cr_assert_eq(c.cap, 64, "the test relies on a 64-slot table");
    /* a few neighbours from the following buckets, interleaved in the chain */
    char other[6][48];
    for (int i = 0; i < 6; i++) {
        colliding(6, (size_t)(61 + i) & 63, &next, other[i], sizeof other[i]);
        cr_assert_not_null(stmt_cache_add(&c, other[i], H(100 + i)));
    }
    cr_assert_eq(c.cap, 64);
    bool removed[N] = {false};
    const int order[] = {0, 23, 11, 1, 12, 22, 5, 6, 7};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        int i = order[k];
        stmt_entry_t *e = stmt_cache_find(&c, sql[i]);
        cr_assert_not_null(e, "%s missing before its removal", sql[i]);
        stmt_cache_remove(&c, e);
        removed[i] = true;
        for (int j = 0; j < N; j++) {
            stmt_entry_t *f = stmt_cache_find(&c, sql[j]);
            if (removed[j]) {
                cr_assert_null(f, "removed %s still found", sql[j]);
            } else {
                cr_assert_not_null(f, "after removing #%d, #%d (%s) is lost", i, j, sql[j]);
                cr_assert_eq(f->handle, H(j));
            }
        }
        for (int j = 0; j < 6; j++) {
            stmt_entry_t *f = stmt_cache_find(&c, other[j]);
            cr_assert_not_null(f, "neighbour %s lost after removing #%d", other[j], i);
            cr_assert_eq(f->handle, H(100 + j));
        }
    }
    cr_assert_eq(c.used, N + 6 - sizeof order / sizeof order[0]);
    /* re-adding a removed one works and is found */
    cr_assert_not_null(stmt_cache_add(&c, sql[11], H(11)));
    cr_assert_eq(stmt_cache_find(&c, sql[11])->handle, H(11));
    stmt_cache_clear(&c, NULL);
    stmt_cache_free(&c);
}

/* Randomised against a plain array model, with strings from a handful of buckets. */
Test(stmt_cache, random_operations_match_a_model)
{
    enum { POOL = 60 };
    char pool[POOL][48];
    unsigned next = 0;
    for (int i = 0; i < POOL; i++)
        colliding(3, (size_t)(i % 3) * 3, &next, pool[i], sizeof pool[i]); /* buckets 0, 3, 6 mod 8 */
    void *model[POOL] = {0};
    stmt_cache_t c = {0};
    unsigned seed = 7;
    size_t count = 0;
    for (int step = 0; step < 20000; step++) {
        seed = seed * 1103515245u + 12345u;
        int i = (int)((seed >> 16) % POOL);
        int op = (int)((seed >> 8) % 3);
        if (op == 0) {
            stmt_entry_t *e = stmt_cache_add(&c, pool[i], H((size_t)step + 1));
            cr_assert_not_null(e);
            if (!model[i]) {
                model[i] = H((size_t)step + 1);
                count++;
            }
            cr_assert_eq(e->handle, model[i]);
        } else if (op == 1) {
            stmt_entry_t *e = stmt_cache_find(&c, pool[i]);
            cr_assert_eq(e != NULL, model[i] != NULL, "step %d: presence of #%d", step, i);
            if (e) {
                stmt_cache_remove(&c, e);
                model[i] = NULL;
                count--;
            }
        }
        if (step % 97 == 0 || op == 1) {
            for (int j = 0; j < POOL; j++) {
                stmt_entry_t *f = stmt_cache_find(&c, pool[j]);
                cr_assert_eq(f != NULL, model[j] != NULL, "step %d: #%d findable=%d, expected %d", step, j, f != NULL,
                             model[j] != NULL);
                if (f)
                    cr_assert_eq(f->handle, model[j]);
            }
            cr_assert_eq(c.used, count);
        }
    }
    stmt_cache_clear(&c, NULL);
    stmt_cache_free(&c);
}

static int dropped;
static uintptr_t dropped_sum;
static void drop(void *h)
{
    dropped++;
    dropped_sum += (uintptr_t)h;
}

Test(stmt_cache, clear_drops_every_handle_and_keeps_memory)
{
    stmt_cache_t c = {0};
    char sql[32];
    uintptr_t want = 0;
    for (size_t i = 0; i < 40; i++) {
        snprintf(sql, sizeof sql, "Q%zu", i);
        stmt_cache_add(&c, sql, H(i));
        want += (uintptr_t)H(i);
    }
    stmt_cache_add(&c, "no handle", NULL);
    size_t cap = c.cap;
    stmt_cache_clear(&c, drop);
    cr_assert_eq(dropped, 40, "NULL handles are not dropped");
    cr_assert_eq(dropped_sum, want);
    cr_assert_eq(c.used, 0);
    cr_assert_eq(c.cap, cap);
    cr_assert_null(stmt_cache_find(&c, "Q1"));
    /* usable again after a clear */
    cr_assert_not_null(stmt_cache_add(&c, "Q1", H(1)));
    cr_assert_not_null(stmt_cache_find(&c, "Q1"));
    stmt_cache_clear(&c, NULL);
    stmt_cache_free(&c);
    cr_assert_null(c.slots);
    cr_assert_eq(c.cap, 0);
}
