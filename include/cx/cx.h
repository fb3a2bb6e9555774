/* libcx: everything the cx binary uses, in one include. */
#ifndef CX_CX_H
#define CX_CX_H

#include "cx/err.h"
#include "cx/words.h"
#include "cx/db.h"
#include "cx/date.h"
#include "cx/out.h"
#include "cx/customer.h"
#include "cx/merge.h"
#include "cx/case.h"
#include "cx/note.h"
#include "cx/event.h"
#include "cx/config.h"
#include "cx/setting.h"
#include "cx/demo.h"
#include "cx/complete.h"
#include "cx/metrics.h"
#include "cx/survey.h"
#include "cx/journey.h"
#include "cx/feedback.h"
#include "cx/sla.h"
#include "cx/report.h"
#include "cx/search.h"
#include "cx/archive.h"
#include "cx/terms.h"
#include "cx/themes.h"
#include "cx/drivers.h"
#include "cx/topic.h"

#endif
