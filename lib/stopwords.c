/*
 * Stop words: the words of a language that say nothing about what a comment
 * is about (articles, pronouns, auxiliaries, the commonest prepositions).
 * Words of negation (not, no, never, nothing, without) are kept on purpose:
 * "never arrived" and "no reply" are exactly what unhappy customers write.
 * Languages without a list here are stemmed but keep all their words.
 */
#include <stdlib.h>
#include <string.h>

#include "cx/terms.h"

static const char *const english[] = {
	"a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
	"be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
	"did", "do", "does", "doing", "down", "during", "each", "even", "every", "few", "for", "from",
	"further", "get", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
	"himself", "his", "how", "i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "it", "it's",
	"its", "itself", "just", "let's", "me", "more", "most", "much", "my", "myself", "of", "off", "on",
	"once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "really", "same",
	"she", "should", "so", "some", "such", "than", "that", "that's", "the", "their", "theirs", "them",
	"themselves", "then", "there", "there's", "these", "they", "they're", "this", "those", "through",
	"to", "too", "under", "until", "up", "us", "very", "was", "we", "we're", "were", "what", "when",
	"where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "you're", "your",
	"yours", "yourself", "yourselves", "ve", "ll", "re", "s", "d", "m", "t",
	NULL,
};

static const char *const german[] = {
	"aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "auch", "auf", "aus",
	"bei", "bin", "bis", "bist", "da", "damit", "dann", "das", "dass", "dem", "den", "denn", "der", "des",
	"die", "dies", "diese", "diesem", "diesen", "dieser", "dieses", "doch", "dort", "du", "durch", "ein",
	"eine", "einem", "einen", "einer", "eines", "er", "es", "euch", "euer", "für", "hab", "habe", "haben",
	"hat", "hatte", "hier", "ich", "ihm", "ihn", "ihr", "ihre", "im", "in", "ist", "ja", "jetzt", "man",
	"mich", "mir", "mit", "mein", "meine", "nach", "nun", "nur", "ob", "oder", "sehr", "sein", "seine",
	"sich", "sie", "sind", "so", "über", "um", "und", "uns", "unser", "von", "vor", "war", "waren", "was",
	"wie", "wir", "wird", "wo", "zu", "zum", "zur",
	NULL,
};

static const char *const french[] = {
	"à", "au", "aux", "avec", "ce", "ces", "cette", "dans", "de", "des", "du", "elle", "elles", "en", "est",
	"et", "été", "être", "eu", "il", "ils", "je", "j'ai", "la", "le", "les", "leur", "lui", "ma", "mais",
	"me", "mes", "moi", "mon", "même", "nous", "on", "ont", "ou", "par", "pour", "qu", "que", "qui", "sa",
	"se", "ses", "son", "sont", "sur", "ta", "te", "tes", "toi", "ton", "très", "tu", "un", "une", "vos",
	"votre", "vous", "c'est", "l", "d", "j", "c", "s", "n", "y",
	NULL,
};

static const char *const spanish[] = {
	"a", "al", "algo", "como", "con", "de", "del", "el", "ella", "ellas", "ellos", "en", "entre", "era",
	"es", "esa", "ese", "eso", "esta", "está", "este", "esto", "fue", "ha", "han", "hay", "la", "las", "le",
	"les", "lo", "los", "me", "mi", "mis", "muy", "nos", "o", "para", "pero", "por", "porque", "que",
	"se", "su", "sus", "te", "tu", "un", "una", "uno", "y", "ya", "yo",
	NULL,
};

static const struct {
	const char *language;
	const char *const *words;
} lists[] = {
	{ "english", english },
	{ "porter", english },
	{ "german", german },
	{ "french", french },
	{ "spanish", spanish },
};

int cx_terms_is_stop(const char *language, const char *word)
{
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		if (strcmp(lists[i].language, language))
			continue;
		for (const char *const *w = lists[i].words; *w; w++)
			if (!strcmp(*w, word))
				return 1;
	}
	return 0;
}
