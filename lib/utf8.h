/* UTF-8 inside libcx: one character decoded, and whether it is written in CJK. */
#ifndef CX_UTF8_H
#define CX_UTF8_H

#include <stdint.h>

/*
 * Decodes the character at s into *cp and returns its length (1 to 4), or 0
 * when s does not start a valid one: a stray continuation byte, a sequence
 * cut short, an overlong form, a surrogate, or past U+10FFFF.
 */
int cx_utf8_decode(const unsigned char *s, uint32_t *cp);
/* As cx_utf8_decode, but never stuck: an invalid byte is U+FFFD, one byte long. */
int cx_utf8_next(const unsigned char *s, uint32_t *cp);
/* A Han, kana or hangul character: CJK text has no spaces, each is a word of its own. */
int cx_utf8_is_cjk(uint32_t cp);

#endif
