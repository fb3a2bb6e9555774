/* The cx program: everything it does starts in cx_main. */
#include "cx.h"

int main(int argc, char **argv)
{
	return cx_main(argc, argv);
}
