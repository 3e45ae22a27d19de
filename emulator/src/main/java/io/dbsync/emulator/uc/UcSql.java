package io.dbsync.emulator.uc;

import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.sql.HiveCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL statements a warehouse runs against Unity Catalog, claimed before the Hive catalog sees
 * them (SqlFamily routes): CREATE [OR REPLACE] [EXTERNAL] TABLE / CREATE [OR REPLACE] VIEW [IF NOT
 * EXISTS], DROP TABLE/VIEW [IF EXISTS] and SHOW CREATE TABLE on a three-part name, ALTER ... [SET]
 * OWNER TO, and GRANT/REVOKE on UC securables. A statement is Unity Catalog's when its table/view
 * name has three parts (a schema name two) and the catalog is not hive_metastore or spark_catalog,
 * or when it names a securable only Unity Catalog has (catalog, volume, external location, storage
 * credential, connection, metastore). Everything else goes to Hive unchanged. API errors become SQL
 * errors with Databricks' error classes (TABLE_OR_VIEW_NOT_FOUND, SCHEMA_NOT_FOUND, ...).
 */
final class UcSql {
  private static final String IDENT = "(?:`[^`]+`|[A-Za-z0-9_]+)";
  private static final String QNAME = "(" + IDENT + "(?:\\s*\\.\\s*" + IDENT + "){0,2})";
  private static final String SECURABLE =
      "(TABLE|VIEW|SCHEMA|DATABASE|CATALOG|VOLUME|EXTERNAL\\s+LOCATION|STORAGE\\s+CREDENTIAL|CONNECTION|FUNCTION|MODEL|METASTORE)";
  private static final String PRINCIPAL = "(`[^`]+`|\\S+)";
  private static final int F = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern CREATE_TABLE = Pattern.compile(
      "CREATE\\s+(OR\\s+REPLACE\\s+)?(EXTERNAL\\s+)?TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?" + QNAME + "(.*)", F);
  private static final Pattern CREATE_VIEW = Pattern.compile(
      "CREATE\\s+(OR\\s+REPLACE\\s+)?VIEW\\s+(IF\\s+NOT\\s+EXISTS\\s+)?" + QNAME + "(.*)", F);
  private static final Pattern DROP = Pattern.compile("DROP\\s+(TABLE|VIEW)\\s+(IF\\s+EXISTS\\s+)?" + QNAME, F);
  private static final Pattern SHOW_CREATE = Pattern.compile("SHOW\\s+CREATE\\s+TABLE\\s+" + QNAME, F);
  private static final Pattern ALTER_OWNER = Pattern.compile(
      "ALTER\\s+" + SECURABLE + "\\s+" + QNAME + "\\s+(?:SET\\s+)?OWNER\\s+TO\\s+" + PRINCIPAL, F);
  private static final Pattern GRANT = Pattern.compile(
      "(GRANT|REVOKE)\\s+(.+?)\\s+ON\\s+" + SECURABLE + "(?:\\s+" + QNAME + ")?\\s+(?:TO|FROM)\\s+" + PRINCIPAL, F);
  private static final Set<String> HIVE = Set.of(BuiltIns.HIVE_METASTORE, "spark_catalog");

  private final UcContext ctx;
  private final TablesApi tables;
  private final GrantsApi grants;

  UcSql(UcContext ctx, TablesApi tables, GrantsApi grants) {
    this.ctx = ctx;
    this.tables = tables;
    this.grants = grants;
  }

  /** The statement's result when it is Unity Catalog's; empty leaves it to the Hive catalog. */
  Optional<HiveCatalog.Result> execute(String statement) {
    String s = statement.strip();
    if (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    Matcher m;
    Statement claimed = null;
    if ((m = CREATE_TABLE.matcher(s)).matches() && isUc(parts(m.group(4)), 3)) {
      Matcher t = m;
      claimed = () -> {
        tables.create(TableDdl.table(t.group(5), names(t.group(4)), t.group(1) != null, t.group(2) != null, t.group(3) != null));
        return empty();
      };
    } else if ((m = CREATE_VIEW.matcher(s)).matches() && isUc(parts(m.group(3)), 3)) {
      Matcher v = m;
      claimed = () -> {
        tables.create(TableDdl.view(v.group(4), names(v.group(3)), v.group(1) != null, v.group(2) != null));
        return empty();
      };
    } else if ((m = DROP.matcher(s)).matches() && isUc(parts(m.group(3)), 3)) {
      Matcher d = m;
      claimed = () -> drop(d.group(1).equalsIgnoreCase("VIEW"), d.group(2) != null, String.join(".", names(d.group(3))));
    } else if ((m = SHOW_CREATE.matcher(s)).matches() && isUc(parts(m.group(1)), 3)) {
      String name = String.join(".", names(m.group(1)));
      claimed = () -> new HiveCatalog.Result(List.of("createtab_stmt"),
          List.of(List.of(TableDdl.showCreate(ctx.leaf(UcType.TABLE, name)))));
    } else if ((m = ALTER_OWNER.matcher(s)).matches() && claims(m.group(1), parts(m.group(2)))) {
      Matcher a = m;
      claimed = () -> {
        Securables.setOwner(ctx, UcType.parse(a.group(1)), String.join(".", parts(a.group(2))), unquote(a.group(3)));
        return empty();
      };
    } else if ((m = GRANT.matcher(s)).matches() && claims(m.group(3), m.group(4) == null ? List.of() : parts(m.group(4)))) {
      Matcher g = m;
      claimed = () -> grant(g.group(1).equalsIgnoreCase("GRANT"), g.group(2), g.group(3), g.group(4), unquote(g.group(5)));
    }
    if (claimed == null) {
      return Optional.empty();
    }
    Statement run = claimed;
    try {
      return Optional.of(ctx.store.locked(run::run));
    } catch (ApiException e) {
      throw sqlError(e);
    } catch (HiveCatalog.SqlError e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Statement {
    HiveCatalog.Result run();
  }

  private HiveCatalog.Result drop(boolean view, boolean ifExists, String fullName) {
    try {
      var t = ctx.leaf(UcType.TABLE, fullName);
      if (view != "VIEW".equals(t.get("table_type").asText())) {
        throw new HiveCatalog.SqlError("WRONG_COMMAND_FOR_OBJECT_TYPE", "42809", "The operation DROP " + (view ? "VIEW" : "TABLE")
            + " requires a " + (view ? "VIEW" : "TABLE") + ". But " + fullName + " is a "
            + (view ? "TABLE" : "VIEW") + ". Use DROP " + (view ? "TABLE" : "VIEW") + " instead.");
      }
    } catch (ApiException e) {
      if (ifExists && e.status() == 404) {
        return empty();
      }
      throw e;
    }
    SchemaObjects.delete(ctx, UcType.TABLE, fullName);
    return empty();
  }

  private HiveCatalog.Result grant(boolean add, String privilegeList, String objectType, String name, String principal) {
    UcType type = UcType.parse(objectType);
    String fullName = type == UcType.METASTORE ? ctx.store.metastoreId() : String.join(".", parts(name == null ? "" : name));
    String key = Securables.key(ctx, type, fullName);
    List<String> privileges = new ArrayList<>();
    for (String p : privilegeList.split(",")) {
      String priv = p.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
      privileges.add(priv.equals("ALL PRIVILEGES") || priv.equals("ALL") ? "ALL_PRIVILEGES" : priv);
    }
    grants.apply(type, key, principal, privileges, add);
    return empty();
  }

  /** Whether an ALTER / GRANT on this securable is Unity Catalog's. */
  private static boolean claims(String objectType, List<String> parts) {
    return switch (UcType.parse(objectType)) {
      case TABLE, FUNCTION -> isUc(parts, 3);
      case SCHEMA -> isUc(parts, 2);
      default -> true;
    };
  }

  private static boolean isUc(List<String> parts, int n) {
    return parts.size() == n && !HIVE.contains(parts.get(0));
  }

  /** catalog, schema, name of a three-part name. */
  private static String[] names(String qname) {
    return parts(qname).toArray(new String[0]);
  }

  private static List<String> parts(String qname) {
    return DdlReader.nameParts(qname);
  }

  /** A principal as GRANT / OWNER TO name it, without backticks. */
  private static String unquote(String ident) {
    return ident.length() >= 2 && ident.startsWith("`") && ident.endsWith("`") ? ident.substring(1, ident.length() - 1) : ident;
  }

  private static HiveCatalog.Result empty() {
    return new HiveCatalog.Result(List.of(), List.of());
  }

  /** The SQL error a statement fails with for an API error. */
  private static HiveCatalog.SqlError sqlError(ApiException e) {
    String[] classAndState = switch (e.errorCode()) {
      case "CATALOG_DOES_NOT_EXIST" -> new String[] {"NO_SUCH_CATALOG_EXCEPTION", "42704"};
      case "SCHEMA_DOES_NOT_EXIST" -> new String[] {"SCHEMA_NOT_FOUND", "42704"};
      case "TABLE_DOES_NOT_EXIST" -> new String[] {"TABLE_OR_VIEW_NOT_FOUND", "42P01"};
      case "TABLE_ALREADY_EXISTS" -> new String[] {"TABLE_OR_VIEW_ALREADY_EXISTS", "42P07"};
      case "PERMISSION_DENIED" -> new String[] {"PERMISSION_DENIED", "42501"};
      case "PRINCIPAL_DOES_NOT_EXIST" -> new String[] {"PRINCIPAL_DOES_NOT_EXIST", "42704"};
      default -> new String[] {"INVALID_PARAMETER_VALUE", "22023"};
    };
    return new HiveCatalog.SqlError(classAndState[0], classAndState[1], e.getMessage());
  }
}
