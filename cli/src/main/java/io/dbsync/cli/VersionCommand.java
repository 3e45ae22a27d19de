package io.dbsync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

@Command(name = "version", description = "Prints the version, the git commit it was built from, and the SDK and Java versions.")
final class VersionCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().getOut().println(line());
  }

  /** "databricks-sync 0.1.0 (commit 0123456789ab, Databricks SDK for Java 0.141.0, Java 21.0.5)". */
  static String line() {
    Properties p = buildInfo();
    return "databricks-sync " + value(p, "version", "dev") + " (commit " + value(p, "commit", "unknown")
        + ", Databricks SDK for Java " + value(p, "sdk", "unknown") + ", Java " + Runtime.version() + ")";
  }

  /** Written by the build (resource filtering); a value left unfiltered (an IDE build, no .git) counts as absent. */
  private static Properties buildInfo() {
    Properties p = new Properties();
    try (InputStream in = VersionCommand.class.getResourceAsStream("/databricks-sync-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // no build info: every value reads as unknown
    }
    return p;
  }

  private static String value(Properties p, String key, String fallback) {
    String v = p.getProperty(key);
    return v == null || v.isBlank() || v.startsWith("${") ? fallback : v;
  }

  static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {line()};
    }
  }
}
