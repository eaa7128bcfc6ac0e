// The C surface of cmark-gfm that LessonKit's Markdown converter uses:
// the core parser and the GFM extensions (tables, strikethrough, autolinks,
// task lists). Installed by Debian's libcmark-gfm-dev and
// libcmark-gfm-extensions-dev.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
