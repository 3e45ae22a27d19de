package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.sql.HiveCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL statements a warehouse runs against Unity Catalog, claimed before the Hive catalog sees
 * them (SqlFamily routes): CREATE [OR REPLACE] [EXTERNAL] TABLE / CREATE [OR REPLACE] VIEW [IF NOT
 * EXISTS], DROP TABLE/VIEW [IF EXISTS] and SHOW CREATE TABLE on three-part names; CREATE/DROP
 * SCHEMA and CATALOG; SHOW TABLES IN c.s and SHOW SCHEMAS IN c; ALTER ... [SET] OWNER TO; GRANT /
 * REVOKE / SHOW GRANTS on UC securables. A statement is Unity Catalog's when its table/view name
 * has three parts (a schema name two, a catalog name one) and the catalog is not hive_metastore or
 * spark_catalog, or when it names a securable only Unity Catalog has (volume, external location,
 * storage credential, connection, metastore). Everything else goes to Hive unchanged. API errors
 * become SQL errors with Databricks' error classes (TABLE_OR_VIEW_NOT_FOUND, SCHEMA_NOT_FOUND, ...).
 */
final class UcSql {
  private static final String IDENT = "(?:`[^`]+`|[A-Za-z0-9_]+)";
  private static final String QNAME = "(" + IDENT + "(?:\\s*\\.\\s*" + IDENT + "){0,2})";
  private static final String SECURABLE =
      "(TABLE|VIEW|SCHEMA|DATABASE|CATALOG|VOLUME|EXTERNAL\\s+LOCATION|STORAGE\\s+CREDENTIAL|CONNECTION|FUNCTION|MODEL|METASTORE)";
  private static final String PRINCIPAL = "(`[^`]+`|\\S+)";
  private static final Set<String> HIVE = Set.of(BuiltIns.HIVE_METASTORE, "spark_catalog");

  /** One statement form: what it matches, the securable it names (a fixed type or a group), and what it does. */
  private record Rule(Pattern pattern, UcType type, int typeGroup, int nameGroup, Function<Matcher, HiveCatalog.Result> run) {
    Rule(String regex, UcType type, int typeGroup, int nameGroup, Function<Matcher, HiveCatalog.Result> run) {
      this(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL), type, typeGroup, nameGroup, run);
    }
  }

  private final UcContext ctx;
  private final CatalogsApi catalogs;
  private final SchemasApi schemas;
  private final TablesApi tables;
  private final GrantsApi grants;
  private final List<Rule> rules;

  UcSql(UcContext ctx, CatalogsApi catalogs, SchemasApi schemas, TablesApi tables, GrantsApi grants) {
    this.ctx = ctx;
    this.catalogs = catalogs;
    this.schemas = schemas;
    this.tables = tables;
    this.grants = grants;
    UcSqlShow show = new UcSqlShow(ctx);
    rules = List.of(
        new Rule("CREATE\\s+(OR\\s+REPLACE\\s+)?(EXTERNAL\\s+)?TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?" + QNAME + "(.*)",
            UcType.TABLE, 0, 4, m -> {
              tables.create(TableDdl.table(m.group(5), names(m.group(4)), m.group(1) != null, m.group(2) != null,
                  m.group(3) != null));
              return empty();
            }),
        new Rule("CREATE\\s+(OR\\s+REPLACE\\s+)?VIEW\\s+(IF\\s+NOT\\s+EXISTS\\s+)?" + QNAME + "(.*)", UcType.TABLE, 0, 3,
            m -> {
              tables.create(TableDdl.view(m.group(4), names(m.group(3)), m.group(1) != null, m.group(2) != null));
              return empty();
            }),
        new Rule("DROP\\s+(TABLE|VIEW)\\s+(IF\\s+EXISTS\\s+)?" + QNAME, UcType.TABLE, 0, 3,
            m -> dropTable(m.group(1).equalsIgnoreCase("VIEW"), m.group(2) != null, String.join(".", names(m.group(3))))),
        new Rule("SHOW\\s+CREATE\\s+TABLE\\s+" + QNAME, UcType.TABLE, 0, 1, m -> show.createTable(String.join(".", names(m.group(1))))),
        new Rule("CREATE\\s+(?:SCHEMA|DATABASE)\\s+(IF\\s+NOT\\s+EXISTS\\s+)?" + QNAME + "(.*)", UcType.SCHEMA, 0, 2,
            m -> createContainer(UcType.SCHEMA, names(m.group(2)), m.group(3), m.group(1) != null)),
        new Rule("CREATE\\s+CATALOG\\s+(IF\\s+NOT\\s+EXISTS\\s+)?" + QNAME + "(.*)", UcType.CATALOG, 0, 2,
            m -> createContainer(UcType.CATALOG, names(m.group(2)), m.group(3), m.group(1) != null)),
        new Rule("DROP\\s+(SCHEMA|DATABASE|CATALOG)\\s+(IF\\s+EXISTS\\s+)?" + QNAME + "(?:\\s+(CASCADE|RESTRICT))?", null, 1, 3,
            m -> dropContainer(UcType.parse(m.group(1)), String.join(".", names(m.group(3))), m.group(2) != null,
                "CASCADE".equalsIgnoreCase(m.group(4)))),
        new Rule("SHOW\\s+TABLES\\s+(?:IN|FROM)\\s+" + QNAME, UcType.SCHEMA, 0, 1, m -> show.tables(names(m.group(1)))),
        new Rule("SHOW\\s+(?:SCHEMAS|DATABASES)\\s+(?:IN|FROM)\\s+" + QNAME, UcType.CATALOG, 0, 1,
            m -> show.schemas(names(m.group(1))[0])),
        new Rule("ALTER\\s+" + SECURABLE + "\\s+" + QNAME + "\\s+(?:SET\\s+)?OWNER\\s+TO\\s+" + PRINCIPAL, null, 1, 2, m -> {
          Securables.setOwner(ctx, UcType.parse(m.group(1)), String.join(".", names(m.group(2))), unquote(m.group(3)));
          return empty();
        }),
        new Rule("(GRANT|REVOKE)\\s+(.+?)\\s+ON\\s+" + SECURABLE + "(?:\\s+" + QNAME + ")?\\s+(?:TO|FROM)\\s+" + PRINCIPAL,
            null, 3, 4, m -> grant(m.group(1).equalsIgnoreCase("GRANT"), m.group(2), UcType.parse(m.group(3)),
                m.group(4), unquote(m.group(5)))),
        new Rule("SHOW\\s+GRANTS?(?:\\s+(`[^`]+`|[^\\s`]+))??\\s+ON\\s+" + SECURABLE + "(?:\\s+" + QNAME + ")?", null, 2, 3,
            m -> show.grants(m.group(1) == null ? null : unquote(m.group(1)), UcType.parse(m.group(2)),
                key(UcType.parse(m.group(2)), m.group(3)))));
  }

  /** The statement's result when it is Unity Catalog's; empty leaves it to the Hive catalog. */
  Optional<HiveCatalog.Result> execute(String statement) {
    String s = statement.strip();
    if (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    for (Rule rule : rules) {
      Matcher m = rule.pattern().matcher(s);
      if (m.matches() && claims(rule, m)) {
        if (!ctx.assigned()) {
          throw new HiveCatalog.SqlError("UC_NOT_ENABLED", "56038", "Unity Catalog is not enabled on this workspace.");
        }
        try {
          return Optional.of(ctx.store.locked(() -> rule.run().apply(m)));
        } catch (ApiException e) {
          throw sqlError(e);
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the securable the statement names is Unity Catalog's (see the class comment). */
  private static boolean claims(Rule rule, Matcher m) {
    UcType type = rule.type() != null ? rule.type() : UcType.parse(m.group(rule.typeGroup()));
    String name = m.group(rule.nameGroup());
    List<String> parts = name == null ? List.of() : DdlReader.nameParts(name);
    return switch (type) {
      case TABLE, FUNCTION -> isUc(parts, 3);
      case SCHEMA -> isUc(parts, 2);
      case CATALOG -> isUc(parts, 1);
      default -> true;
    };
  }

  private static boolean isUc(List<String> parts, int n) {
    return parts.size() == n && !HIVE.contains(parts.get(0));
  }

  private HiveCatalog.Result dropTable(boolean view, boolean ifExists, String fullName) {
    ObjectNode t;
    try {
      t = ctx.leaf(UcType.TABLE, fullName);
    } catch (ApiException e) {
      if (ifExists && e.status() == 404) {
        return empty();
      }
      throw e;
    }
    if (view != "VIEW".equals(t.get("table_type").asText())) {
      String wanted = view ? "VIEW" : "TABLE";
      String actual = view ? "TABLE" : "VIEW";
      throw new HiveCatalog.SqlError("WRONG_COMMAND_FOR_OBJECT_TYPE", "42809", "The operation DROP " + wanted
          + " requires a " + wanted + ". But " + fullName + " is a " + actual + ". Use DROP " + actual + " instead.");
    }
    SchemaObjects.delete(ctx, UcType.TABLE, fullName);
    return empty();
  }

  /** CREATE SCHEMA / CATALOG [COMMENT '..'] [MANAGED LOCATION '..'] [WITH DBPROPERTIES | PROPERTIES (..)]. */
  private HiveCatalog.Result createContainer(UcType type, String[] name, String tail, boolean ifNotExists) {
    ObjectNode body = Json.object().put("name", name[name.length - 1]);
    if (type == UcType.SCHEMA) {
      body.put("catalog_name", name[0]);
    }
    DdlReader r = new DdlReader(tail);
    while (!r.atEnd()) {
      if (r.keyword("COMMENT")) {
        body.put("comment", r.quoted());
      } else if (r.keyword("MANAGED LOCATION")) {
        body.put("storage_root", r.quoted());
      } else if (r.keyword("WITH DBPROPERTIES") || r.keyword("WITH PROPERTIES") || r.keyword("DBPROPERTIES")) {
        TableDdl.properties(r.parenGroup()).forEach(body.putObject("properties")::put);
      } else {
        throw DdlReader.syntax("unexpected '" + r.peekWord() + "' in CREATE " + type.name());
      }
    }
    try {
      if (type == UcType.SCHEMA) {
        schemas.create(body);
      } else {
        catalogs.create(body);
      }
    } catch (ApiException e) {
      if (!ifNotExists || !e.errorCode().equals(type.alreadyExistsCode)) {
        throw e;
      }
    }
    return empty();
  }

  private HiveCatalog.Result dropContainer(UcType type, String fullName, boolean ifExists, boolean cascade) {
    try {
      if (type == UcType.SCHEMA) {
        schemas.delete(fullName, cascade);
      } else {
        catalogs.delete(fullName, cascade);
      }
    } catch (ApiException e) {
      if (!ifExists || e.status() != 404) {
        throw e;
      }
    }
    return empty();
  }

  private HiveCatalog.Result grant(boolean add, String privilegeList, UcType type, String name, String principal) {
    List<String> privileges = new ArrayList<>();
    for (String p : privilegeList.split(",")) {
      String priv = p.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
      privileges.add(priv.equals("ALL PRIVILEGES") || priv.equals("ALL") ? "ALL_PRIVILEGES" : priv);
    }
    grants.apply(type, key(type, name), principal, privileges, add);
    return empty();
  }

  /** The store key of the securable a statement names (the metastore needs no name). */
  private String key(UcType type, String qname) {
    if (type == UcType.METASTORE) {
      return ctx.store.metastoreId();
    }
    if (qname == null) {
      throw DdlReader.syntax("missing the name of the " + type.noun.toLowerCase(Locale.ROOT));
    }
    return Securables.key(ctx, type, String.join(".", names(qname)));
  }

  private static String[] names(String qname) {
    return DdlReader.nameParts(qname).toArray(new String[0]);
  }

  /** A principal as GRANT / OWNER TO name it, without backticks. */
  private static String unquote(String ident) {
    return ident.length() >= 2 && ident.startsWith("`") && ident.endsWith("`") ? ident.substring(1, ident.length() - 1) : ident;
  }

  static HiveCatalog.Result empty() {
    return new HiveCatalog.Result(List.of(), List.of());
  }

  /** The SQL error a statement fails with for an API error. */
  private static HiveCatalog.SqlError sqlError(ApiException e) {
    String[] classAndState = switch (e.errorCode()) {
      case "CATALOG_DOES_NOT_EXIST" -> new String[] {"NO_SUCH_CATALOG_EXCEPTION", "42704"};
      case "SCHEMA_DOES_NOT_EXIST" -> new String[] {"SCHEMA_NOT_FOUND", "42704"};
      case "TABLE_DOES_NOT_EXIST" -> new String[] {"TABLE_OR_VIEW_NOT_FOUND", "42P01"};
      case "TABLE_ALREADY_EXISTS" -> new String[] {"TABLE_OR_VIEW_ALREADY_EXISTS", "42P07"};
      case "SCHEMA_ALREADY_EXISTS" -> new String[] {"SCHEMA_ALREADY_EXISTS", "42P06"};
      case "CATALOG_ALREADY_EXISTS" -> new String[] {"CATALOG_ALREADY_EXISTS", "42P04"};
      case "SCHEMA_NOT_EMPTY", "CATALOG_NOT_EMPTY" -> new String[] {e.errorCode(), "2BP01"};
      case "PERMISSION_DENIED" -> new String[] {"PERMISSION_DENIED", "42501"};
      case "PRINCIPAL_DOES_NOT_EXIST" -> new String[] {"PRINCIPAL_DOES_NOT_EXIST", "42704"};
      default -> new String[] {"INVALID_PARAMETER_VALUE", "22023"};
    };
    return new HiveCatalog.SqlError(classAndState[0], classAndState[1], e.getMessage());
  }
}
