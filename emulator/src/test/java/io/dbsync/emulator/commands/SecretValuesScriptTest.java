package io.dbsync.emulator.commands;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.compute.Command;
import com.databricks.sdk.service.compute.CommandStatusResponse;
import com.databricks.sdk.service.compute.CreateContext;
import com.databricks.sdk.service.compute.Language;
import com.databricks.sdk.service.compute.ResultType;
import com.databricks.sdk.service.workspace.CreateScope;
import com.databricks.sdk.service.workspace.PutAcl;
import com.databricks.sdk.service.workspace.PutSecret;
import com.databricks.sdk.service.workspace.AclPermission;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * databricks-sync's secret-values command on a cluster, through the SDK: a principal with READ on the
 * scope (admin or not) gets the scope's values as an OpenPGP message to the public key the script
 * carries, never in plaintext; a principal without READ gets the error a notebook shows.
 */
class SecretValuesScriptTest extends EmulatorSdkTest {
  private static final String CLUSTER = "1125-100000-secrets1";
  private PGPKeyPair key;
  private byte[] armoredPublicKey;

  @BeforeAll
  void seed() throws Exception {
    emu.seed(Json.parse("""
        {"clusters": [{"cluster_id": "%s", "cluster_name": "shared", "spark_version": "15.4.x-scala2.12", "node_type_id": "i3.xlarge", "num_workers": 0}],
         "scim": {"users": [{"userName": "reader@example.com"}, {"userName": "stranger@example.com"}]},
         "tokens": [{"token_value": "reader-token", "user_name": "reader@example.com"},
                    {"token_value": "stranger-token", "user_name": "stranger@example.com"}]}""".formatted(CLUSTER)));
    w.secrets().createScope(new CreateScope().setScope("prod"));
    w.secrets().putSecret(new PutSecret().setScope("prod").setKey("db-password").setStringValue("s3cr3t-value"));
    w.secrets().putAcl(new PutAcl().setScope("prod").setPrincipal("reader@example.com").setPermission(AclPermission.READ));
    RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
    rsa.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), new SecureRandom(), 2048, 80));
    key = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, rsa.generateKeyPair(), new Date());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(out)) {
      new PGPPublicKeyRing(List.of(key.getPublicKey())).encode(armored);
    }
    armoredPublicKey = out.toByteArray();
  }

  /** The command as databricks-sync sends it (kind.workspace.SecretValuesCommand). */
  private String script() {
    String spec = Json.object().put("scope", "prod").put("recipient", new String(armoredPublicKey, StandardCharsets.US_ASCII))
        .set("secrets", Json.array().add(Json.object().put("key", "db-password").put("variable", "prod_db_password"))).toString();
    return """
        import base64, json, os, subprocess, tempfile
        spec = json.loads(base64.b64decode("%s").decode("utf-8"))
        document = {"scope": spec["scope"], "secrets": [{"key": s["key"], "variable": s["variable"], "value": dbutils.secrets.get(spec["scope"], s["key"])} for s in spec["secrets"]]}
        with tempfile.TemporaryDirectory() as home:
            recipient = os.path.join(home, "recipient.asc")
            with open(recipient, "w") as f:
                f.write(spec["recipient"])
            gpg = subprocess.run(["gpg", "--homedir", home, "--batch", "--no-tty", "--quiet", "--armor", "--trust-model", "always", "--recipient-file", recipient, "--encrypt"], input=json.dumps(document).encode("utf-8"), capture_output=True)
        print(gpg.stdout.decode("ascii"))
        """.formatted(Base64.getEncoder().encodeToString(spec.getBytes(StandardCharsets.UTF_8)));
  }

  private CommandStatusResponse runAs(String token) throws Exception {
    WorkspaceClient client = new WorkspaceClient(new DatabricksConfig().setHost(emu.url()).setToken(token).setAuthType("pat"));
    String ctx = client.commandExecution().create(new CreateContext().setClusterId(CLUSTER).setLanguage(Language.PYTHON)).get().getId();
    return client.commandExecution().execute(new Command().setClusterId(CLUSTER).setContextId(ctx)
        .setLanguage(Language.PYTHON).setCommand(script())).get();
  }

  @Test
  void aReaderGetsTheValuesEncryptedToTheCarriedKey() throws Exception {
    CommandStatusResponse r = runAs("reader-token");
    assertEquals(ResultType.TEXT, r.getResults().getResultType(), String.valueOf(r.getResults().getSummary()));
    String text = r.getResults().getData().toString();
    assertTrue(text.startsWith("-----BEGIN PGP MESSAGE-----"), text);
    assertFalse(text.contains("s3cr3t-value"));
    JsonNode doc = Json.parse(new String(decrypt(text.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8));
    assertEquals("prod", doc.path("scope").asText());
    assertEquals("prod_db_password", doc.path("secrets").path(0).path("variable").asText());
    assertEquals("s3cr3t-value", doc.path("secrets").path(0).path("value").asText());
  }

  @Test
  void withoutReadTheCommandFailsAsInANotebook() throws Exception {
    CommandStatusResponse r = runAs("stranger-token");
    assertEquals(ResultType.ERROR, r.getResults().getResultType());
    assertTrue(r.getResults().getSummary().contains("does not have READ permission on scope prod"), r.getResults().getSummary());
  }

  private byte[] decrypt(byte[] armored) throws Exception {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
      PGPEncryptedDataList list = (PGPEncryptedDataList) new BcPGPObjectFactory(in).nextObject();
      PGPPublicKeyEncryptedData data = (PGPPublicKeyEncryptedData) list.get(0);
      PGPPublicKey pub = key.getPublicKey();
      assertTrue(data.getKeyIdentifier().matchesExplicit(pub.getKeyIdentifier()), "encrypted to the carried key");
      try (InputStream clear = data.getDataStream(new BcPublicKeyDataDecryptorFactory(key))) {
        PGPLiteralData literal = (PGPLiteralData) new BcPGPObjectFactory(clear).nextObject();
        byte[] plain = literal.getInputStream().readAllBytes();
        assertTrue(data.verify(), "integrity protected");
        return plain;
      }
    }
  }
}
