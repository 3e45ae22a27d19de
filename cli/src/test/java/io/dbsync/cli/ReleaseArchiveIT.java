package io.dbsync.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release archives that `./mvnw package` leaves in cli/target: the POSIX one is unpacked and its
 * launcher run with this JVM's Java; the Windows one is checked for its files and CRLF launcher.
 */
class ReleaseArchiveIT {
  static final String BASE = System.getProperty("release.archive.base");
  static final String VERSION = System.getProperty("release.version");
  static final String DIR = "databricks-sync-" + VERSION;

  @TempDir
  Path tmp;

  private static Process run(Path workDir, List<String> command, String javaHome) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", javaHome);
    return pb.start();
  }

  private static String output(Process p) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "process did not end");
    return out;
  }

  @Test
  void tarballUnpacksToALauncherThatFindsJavaAndRunsTheJar() throws Exception {
    Path tarball = Path.of(BASE + ".tar.gz");
    assertTrue(Files.isRegularFile(tarball), tarball + " is built by package");
    Process untar = run(tmp, List.of("tar", "-xzf", tarball.toString()), System.getProperty("java.home"));
    assertEquals(0, untar.waitFor(), output(untar));

    Path home = tmp.resolve(DIR);
    assertTrue(Files.isRegularFile(home.resolve("lib/databricks-sync.jar")));
    assertTrue(Files.isRegularFile(home.resolve("bin/databricks-sync.cmd")));
    Path launcher = home.resolve("bin/databricks-sync");
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(launcher);
    assertTrue(perms.contains(PosixFilePermission.OWNER_EXECUTE) && perms.contains(PosixFilePermission.OTHERS_EXECUTE), perms.toString());
    String readme = Files.readString(home.resolve("README.md"));
    assertTrue(readme.startsWith("# databricks-sync " + VERSION + "\n"), readme);
    assertTrue(readme.contains("Install from the release archive"), readme);
    assertFalse(readme.contains("release-readme:"), "only the text between the markers");

    // through a symlink elsewhere, as after `ln -s .../bin/databricks-sync /usr/local/bin/`
    Path link = Files.createSymbolicLink(tmp.resolve("databricks-sync"), launcher);
    Process version = run(tmp, List.of("sh", link.toString(), "--version"), System.getProperty("java.home"));
    String out = output(version);
    assertEquals(0, version.exitValue(), out);
    assertTrue(out.startsWith("databricks-sync " + VERSION + " (commit "), out);

    Process help = run(tmp, List.of("sh", launcher.toString(), "export", "--help"), System.getProperty("java.home"));
    String usage = output(help);
    assertEquals(0, help.exitValue(), usage);
    assertTrue(usage.contains("Usage: databricks-sync export"), usage);
  }

  @Test
  void zipHoldsTheSameFilesWithAWindowsLauncher() throws Exception {
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(BASE + ".zip")) {
      zip.stream().map(ZipEntry::getName).forEach(names::add);
      for (String f : new String[] {"bin/databricks-sync", "bin/databricks-sync.cmd", "lib/databricks-sync.jar", "README.md"}) {
        assertTrue(names.contains(DIR + "/" + f), f + " in " + names);
      }
      String cmd = new String(zip.getInputStream(zip.getEntry(DIR + "/bin/databricks-sync.cmd")).readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(cmd.contains("\r\n") && !cmd.replace("\r\n", "").contains("\n"), "a .cmd needs CRLF line ends");
      assertTrue(cmd.contains("..\\lib\\databricks-sync.jar") && cmd.contains("LSS 21"), cmd);
    }
  }
}
