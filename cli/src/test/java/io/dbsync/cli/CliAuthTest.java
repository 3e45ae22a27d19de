package io.dbsync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.EmulatorOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workspace credentials are resolved by the Databricks SDK's own chain, as the Databricks CLI does:
 * -p/--profile, DATABRICKS_CONFIG_PROFILE, [DEFAULT], DATABRICKS_CONFIG_FILE, environment variables
 * (PAT, OAuth M2M) and auth_type in a profile. Each case runs the CLI in its own process (the SDK reads
 * the real environment and HOME) against the emulator, which serves the OAuth M2M token endpoint.
 */
class CliAuthTest {
  static final String SP = "00000000-0000-0000-0000-0000000000e2";
  static final String SP_SECRET = "dose-ci-secret-41";

  @TempDir
  Path tmp;
  Path home;
  Emulator ws;
  Path config;

  @BeforeEach
  void start() throws Exception {
    ws = new Emulator().start();
    ws.seed(new ObjectMapper().readTree("""
        {"scim": {"service_principals": [{"applicationId": "%s", "displayName": "ci-exporter"}]},
         "oauth": {"service_principal_secrets": [{"application_id": "%s", "secret": "%s"}]}}
        """.formatted(SP, SP, SP_SECRET)));
    home = Files.createDirectories(tmp.resolve("home"));
    config = tmp.resolve("export.yaml");
    Files.writeString(config, "name: auth\nobjects:\n  cluster_policy:\n");
  }

  @AfterEach
  void stop() {
    ws.close();
  }

  private void profiles(String text) throws Exception {
    Files.writeString(home.resolve(".databrickscfg"), text);
  }

  private String pat(String profile) {
    return "[" + profile + "]\nhost = " + ws.url() + "\ntoken = " + ws.token() + "\n";
  }

  private CliRunner.Result export(Map<String, String> env, String... flags) throws Exception {
    String[] base = {"export", "-l", tmp.resolve("repo").toString(), "-c", config.toString(), "--dry-run", "--no-progress"};
    String[] args = java.util.Arrays.copyOf(base, base.length + flags.length);
    System.arraycopy(flags, 0, args, base.length, flags.length);
    return CliProcess.run(home, env, args);
  }

  private static void assertOneErrorLine(CliRunner.Result r, String expected) {
    assertTrue(r.err().contains("error: " + expected), "expected 'error: " + expected + "' in:\n" + r.err());
    assertEquals(1, r.err().lines().filter(l -> !l.isBlank()).count(), "one line, nothing else:\n" + r.err());
  }

  @Test
  void defaultProfileWithoutAnyFlag() throws Exception {
    profiles(pat("DEFAULT"));
    CliRunner.Result r = export(Map.of());
    assertEquals(0, r.exitCode(), r.err());
  }

  @Test
  void profileFromFlagOrVariable() throws Exception {
    profiles("[DEFAULT]\nhost = http://127.0.0.1:9\ntoken = nope\n\n" + pat("dr"));
    assertEquals(0, export(Map.of(), "-p", "dr").exitCode());
    CliRunner.Result fromEnv = export(Map.of("DATABRICKS_CONFIG_PROFILE", "dr"));
    assertEquals(0, fromEnv.exitCode(), fromEnv.err());
  }

  @Test
  void configFileVariable() throws Exception {
    Path other = tmp.resolve("elsewhere.cfg");
    Files.writeString(other, pat("DEFAULT"));
    CliRunner.Result r = export(Map.of("DATABRICKS_CONFIG_FILE", other.toString()));
    assertEquals(0, r.exitCode(), r.err());
  }

  @Test
  void oauthM2mFromTheEnvironment() throws Exception {
    ws.requests().reset();
    CliRunner.Result r = export(Map.of("DATABRICKS_HOST", ws.url(), "DATABRICKS_CLIENT_ID", SP, "DATABRICKS_CLIENT_SECRET", SP_SECRET));
    assertEquals(0, r.exitCode(), r.err());
    assertFalse(r.err().contains(SP_SECRET) || r.out().contains(SP_SECRET));
  }

  @Test
  void oauthM2mProfileWithAuthType() throws Exception {
    profiles("[sp]\nhost = " + ws.url() + "\nclient_id = " + SP + "\nclient_secret = " + SP_SECRET + "\nauth_type = oauth-m2m\n");
    CliRunner.Result r = export(Map.of(), "-p", "sp");
    assertEquals(0, r.exitCode(), r.err());
  }

  @Test
  void wrongOAuthSecretIsOneLineNamingHostAndAuthType() throws Exception {
    CliRunner.Result r = export(Map.of("DATABRICKS_HOST", ws.url(), "DATABRICKS_CLIENT_ID", SP, "DATABRICKS_CLIENT_SECRET", "wrong-secret"));
    assertEquals(1, r.exitCode());
    assertOneErrorLine(r, "cannot authenticate to " + ws.url() + " (auth type oauth-m2m): Failed to refresh credentials: invalid_client");
    assertFalse(r.err().contains("wrong-secret"));
  }

  @Test
  void wrongTokenInAProfileNamesTheProfile() throws Exception {
    EmulatorOptions strict = new EmulatorOptions();
    strict.token = "the-right-token";
    try (Emulator guarded = new Emulator(strict).start()) {
      profiles("[src]\nhost = " + guarded.url() + "\ntoken = wrong-token\n");
      CliRunner.Result r = export(Map.of(), "-p", "src");
      assertEquals(1, r.exitCode(), r.err());
      assertOneErrorLine(r, "cannot authenticate to " + guarded.url() + " (profile src, auth type pat)");
      assertFalse(r.err().contains("wrong-token"));
    }
  }

  @Test
  void profileWithoutCredentialsIsOneLine() throws Exception {
    profiles("[bare]\nhost = " + ws.url() + "\n\n[half]\nhost = " + ws.url() + "\ntoken = t\nauth_type = oauth-m2m\n");
    CliRunner.Result r = export(Map.of(), "-p", "bare");
    assertEquals(2, r.exitCode());
    assertOneErrorLine(r, "no credentials for " + ws.url() + " (profile bare): ");

    CliRunner.Result forced = export(Map.of("DATABRICKS_CONFIG_PROFILE", "half"));
    assertEquals(2, forced.exitCode());
    assertOneErrorLine(forced, "no credentials for " + ws.url() + " (profile half, auth type oauth-m2m): ");
  }

  @Test
  void conflictingCredentialsAreBadInput() throws Exception {
    CliRunner.Result r = export(Map.of("DATABRICKS_HOST", ws.url(), "DATABRICKS_TOKEN", "t",
        "DATABRICKS_CLIENT_ID", SP, "DATABRICKS_CLIENT_SECRET", SP_SECRET));
    assertEquals(2, r.exitCode());
    assertOneErrorLine(r, "workspace configuration: more than one authorization method configured: oauth and pat");
    assertFalse(r.err().contains(SP_SECRET));
  }

  @Test
  void unknownProfileOrNothingConfiguredIsBadInput() throws Exception {
    profiles(pat("src"));
    CliRunner.Result unknown = export(Map.of(), "-p", "nope");
    assertEquals(2, unknown.exitCode());
    assertOneErrorLine(unknown, "profile nope not found in " + home.resolve(".databrickscfg"));

    Files.delete(home.resolve(".databrickscfg"));
    CliRunner.Result nothing = export(Map.of());
    assertEquals(2, nothing.exitCode(), nothing.err());
    assertOneErrorLine(nothing, "no workspace configured");
  }
}
