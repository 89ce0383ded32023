/**
 * Names a generated module or field must not take: they would shadow Python,
 * the standard library, a dependency or a package of the generated project, or
 * they are reserved words of a database (each database profile, src/choices/databases.ts,
 * names its list).
 */

export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set(
  ("False None True and as assert async await break class continue def del elif else except " +
    "finally for from global if import in is lambda nonlocal not or pass raise return try while " +
    "with yield match case type _").split(" "),
);

export const PYTHON_BUILTINS: ReadonlySet<string> = new Set(
  ("abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod " +
    "compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter " +
    "float format frozenset getattr globals hasattr hash help hex id input int isinstance " +
    "issubclass iter len license list locals map max memoryview min next object oct open ord pow " +
    "print property quit range repr reversed round set setattr slice sorted staticmethod str sum " +
    "super tuple vars zip").split(" "),
);

/** Top-level standard-library modules a package name could shadow (the common ones and then some). */
export const STDLIB_MODULES: ReadonlySet<string> = new Set(
  ("abc argparse array ast asyncio base64 binascii bisect builtins bz2 calendar cgi cmath cmd " +
    "code codecs collections colorsys concurrent configparser contextlib contextvars copy csv " +
    "ctypes curses dataclasses datetime dbm decimal difflib dis doctest email encodings enum " +
    "errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc getopt " +
    "getpass gettext glob graphlib grp gzip hashlib heapq hmac html http imaplib importlib " +
    "inspect io ipaddress itertools json keyword linecache locale logging lzma mailbox marshal " +
    "math mimetypes mmap multiprocessing netrc numbers operator os pathlib pdb pickle pkgutil " +
    "platform plistlib poplib posix pprint profile pstats pty pwd queue random re readline " +
    "reprlib resource rlcompleter runpy sched secrets select selectors shelve shlex shutil " +
    "signal site smtplib socket socketserver sqlite3 ssl stat statistics string stringprep " +
    "struct subprocess symtable sys sysconfig syslog tabnanny tarfile tempfile termios test " +
    "textwrap threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc " +
    "tty turtle types typing unicodedata unittest urllib uuid venv warnings wave weakref " +
    "webbrowser wsgiref xml xmlrpc zipapp zipfile zipimport zlib zoneinfo").split(" "),
);

/** Import names of the generated projects' dependencies (runtime and dev). */
export const DEPENDENCY_MODULES: ReadonlySet<string> = new Set(
  ("flask quart werkzeug jinja2 click itsdangerous markupsafe blinker sqlalchemy alembic " +
    "psycopg psycopg2 asyncpg oracledb redis celery kombu billiard vine amqp flask_jwt_extended " +
    "flask_caching flask_limiter flask_cors jwt argon2 pydantic pydantic_core gunicorn hypercorn " +
    "quart_schema quart_cors pythonjsonlogger dotenv pytest mypy ruff " +
    "typing_extensions limits hiredis uvloop cachetools spectree flask_openapi3 hypothesis greenlet mako " +
    "orjson packaging requirements_parser tomli aiosmtpd h11")
    .split(" "),
);

/** Packages and modules of the generated project itself. */
export const PROJECT_MODULES: ReadonlySet<string> = new Set(
  ("src auth users user health tasks models migrations tests config database extensions errors " +
    "envelope schemas pagination security logging_config worker wsgi asgi app api docs openapi " +
    "static templates base types validation error_handlers revoked_tokens revoked_token " +
    "passwords conftest example_tasks rate_limit admin accounts cli middleware realtime " +
    "oracle_schema cached_reads password_reset").split(" "),
);

/** Columns every model inherits from the base model. */
export const AUDIT_FIELDS: ReadonlySet<string> = new Set([
  "id",
  "inserted_by",
  "inserted_date",
  "updated_by",
  "updated_date",
  "is_active",
]);

/** PostgreSQL's reserved key words (its database profile's `reservedWords`). */
export const POSTGRESQL_RESERVED_WORDS: ReadonlySet<string> = new Set(
  ("all analyse analyze and any array as asc asymmetric both case cast check collate column " +
    "constraint create current_catalog current_date current_role current_time " +
    "current_timestamp current_user default deferrable desc distinct do else end except false " +
    "fetch for foreign from grant group having in initially intersect into lateral leading " +
    "limit localtime localtimestamp not null offset on only or order placing primary " +
    "references returning select session_user some symmetric system_user table then to " +
    "trailing true union unique user using variadic when where window with authorization " +
    "binary collation concurrently cross current_schema freeze full ilike inner is isnull " +
    "join left like natural notnull outer overlaps right similar tablesample verbose").split(
      " ",
    ),
);

/** Oracle's reserved words (its database profile's `reservedWords`). */
export const ORACLE_RESERVED_WORDS: ReadonlySet<string> = new Set(
  ("access add all alter and any as asc audit between by char check cluster column comment " +
    "compress connect create current date decimal default delete desc distinct drop else " +
    "exclusive exists file float for from grant group having identified immediate in " +
    "increment index initial insert integer intersect into is level like lock long " +
    "maxextents minus mlslabel mode modify noaudit nocompress not nowait null number of " +
    "offline on online option or order pctfree prior public raw rename resource revoke row " +
    "rowid rownum rows select session set share size smallint start successful synonym " +
    "sysdate table then to trigger uid union unique update user validate values varchar " +
    "varchar2 view whenever where with").split(" "),
);

/**
 * Field names the generated code cannot take: attributes SQLAlchemy models and
 * pydantic schemas reserve, and the names of types that schema and model
 * classes use in annotations (a field `date: date` would hide the type from
 * every later annotation in the class).
 */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set(
  ("metadata registry query str int float bool bytes dict list set tuple object type date " +
    "datetime time uuid decimal any literal annotated optional field mapped mapped_column " +
    "relationship self cls " +
    // methods of the generated base model
    "mark_inserted mark_updated soft_delete " +
    // attributes of pydantic's BaseModel (shadowing them makes pydantic warn)
    "copy json schema schema_json construct validate parse_obj parse_raw parse_file from_orm " +
    "update_forward_refs field_validator").split(" "),
);

/** Class names the generated module files import or define besides the model's own. */
export const RESERVED_CLASS_NAMES: ReadonlySet<string> = new Set(
  ("Base BaseModel AuditMixin Field ConfigDict Mapped Session Select Blueprint Flask Quart " +
    "Response Request Any Literal Annotated Decimal Enum Page Pagination NotFoundError " +
    "ConflictError ValidationError " +
    // Named beside the module's class in its own files (tests/names_test.ts finds them all):
    "Row Sequence Iterator AsyncIterator Deleted JsonRow JsonResponse ResourceCache " +
    "IntegrityError InvalidReferenceError UtcDateTime JsonDocument PortableBoolean Engine " +
    "AsyncEngine AsyncSession Date Text Integer BigInteger Numeric ForeignKey FlaskClient " +
    "QuartClient AppFactory MakeRow Serve TypeAdapter AnyRow Generator AsyncGenerator").split(" "),
);

/**
 * Singular module names the generated service and controller use as local
 * variable names next to the module's own (`booking = Booking(**values)`).
 */
export const RESERVED_SINGULARS: ReadonlySet<string> = new Set(
  ("value values name changes data key cached found actor page params rows total query count " +
    "session target problems column table items self cls bp repository service cache operation " +
    "success paginated").split(" "),
);
