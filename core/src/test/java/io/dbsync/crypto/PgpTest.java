package io.dbsync.crypto;

import io.dbsync.testing.Gpg;
import io.dbsync.testing.PgpTestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PgpTest {
  private static final byte[] PLAIN = "{\"value\":\"p\u00e4ssw\u00f6rd-42\"}".getBytes(StandardCharsets.UTF_8);
  private static PgpTestKeys.KeyPair keys;
  private static PgpTestKeys.KeyPair other;

  @BeforeAll
  static void keys() {
    keys = PgpTestKeys.generate("dr <dr@example.com>", "correct horse");
    other = PgpTestKeys.generate("other <other@example.com>", "other");
  }

  @Test
  void whatIsEncryptedToAKeyDecryptsWithItsSecretKeyOnly() throws Exception {
    PgpRecipient recipient = PgpRecipient.parse(keys.publicKey(), "public.asc");
    byte[] message = recipient.encrypt(PLAIN);
    assertFalse(new String(message, StandardCharsets.ISO_8859_1).contains("ssw"), "ciphertext");
    assertArrayEquals(PLAIN, PgpDecryptionKey.parse(keys.secretKey(), "correct horse".toCharArray(), "secret.asc").decrypt(message));
    assertTrue(recipient.isRecipientOf(message));
    assertFalse(PgpRecipient.parse(other.publicKey(), "o").isRecipientOf(message));
    assertFalse(recipient.isRecipientOf(PLAIN), "plaintext is not a message to the key");

    PgpException wrongKey = assertThrows(PgpException.class,
        () -> PgpDecryptionKey.parse(other.secretKey(), "other".toCharArray(), "other.asc").decrypt(message));
    assertTrue(wrongKey.getMessage().contains("not encrypted to a key of other.asc"), wrongKey.getMessage());
    PgpException wrongPassphrase = assertThrows(PgpException.class,
        () -> PgpDecryptionKey.parse(keys.secretKey(), "nope".toCharArray(), "secret.asc").decrypt(message));
    assertTrue(wrongPassphrase.getMessage().contains("passphrase"), wrongPassphrase.getMessage());
  }

  @Test
  void twoEncryptionsDifferButArmorKeepsOnlyTheGivenComments() throws Exception {
    PgpRecipient recipient = PgpRecipient.parse(keys.publicKey(), "public.asc");
    byte[] a = recipient.encrypt(PLAIN);
    assertFalse(java.util.Arrays.equals(a, recipient.encrypt(PLAIN)), "randomized session keys");
    byte[] armored = PgpArmor.armor(a, List.of("first", "second line"));
    String text = new String(armored, StandardCharsets.US_ASCII);
    assertTrue(text.startsWith("-----BEGIN PGP MESSAGE-----\nComment: first\nComment: second line\n"), text);
    assertFalse(text.contains("Version"), text);
    assertEquals(List.of("first", "second line"), PgpArmor.comments(armored));
    assertArrayEquals(a, PgpArmor.dearmor(armored));
    assertArrayEquals(PLAIN, PgpDecryptionKey.parse(keys.secretKey(), "correct horse".toCharArray(), "s").decrypt(armored));
  }

  @Test
  void badKeyFilesAreOneLineErrors(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("junk.asc"), "not a key");
    PgpException junk = assertThrows(PgpException.class, () -> PgpRecipient.read(dir.resolve("junk.asc")));
    assertTrue(junk.getMessage().contains("junk.asc"), junk.getMessage());
    PgpException missing = assertThrows(PgpException.class, () -> PgpDecryptionKey.read(dir.resolve("none.asc"), null));
    assertEquals("secret key file not found: " + dir.resolve("none.asc"), missing.getMessage());
    PgpException publicAsSecret = assertThrows(PgpException.class,
        () -> PgpDecryptionKey.parse(keys.publicKey(), null, "public.asc"));
    assertTrue(publicAsSecret.getMessage().startsWith("public.asc"), publicAsSecret.getMessage());
    // a secret key file given as the recipient encrypts to its public part
    assertTrue(PgpRecipient.parse(keys.secretKey(), "secret.asc").isRecipientOf(
        PgpRecipient.parse(keys.publicKey(), "p").encrypt(PLAIN)));
  }

  /** gpg reads what the tool encrypts, and the tool reads what gpg encrypts to a key gpg made (ed25519/cv25519). */
  @Test
  void interoperatesWithGpg(@TempDir Path dir) throws Exception {
    try (Gpg gpg = Gpg.in(dir)) {
      keys.writeTo(dir.resolve("k"));
      gpg.run("correct horse", "--import", dir.resolve("k/secret.asc").toString());
      Path msg = dir.resolve("m.asc");
      Files.write(msg, PgpArmor.armor(PgpRecipient.parse(keys.publicKey(), "p").encrypt(PLAIN), List.of("a comment")));
      assertArrayEquals(PLAIN, gpg.run("correct horse", "--decrypt", msg.toString()));

      gpg.run("", "--quick-generate-key", "gpg made <g@example.com>", "future-default", "default", "never");
      byte[] gpgPublic = gpg.run(null, "--armor", "--export", "g@example.com");
      byte[] gpgSecret = gpg.run("", "--armor", "--export-secret-keys", "g@example.com");
      byte[] ours = PgpRecipient.parse(gpgPublic, "gpg.asc").encrypt(PLAIN);
      assertArrayEquals(PLAIN, PgpDecryptionKey.parse(gpgSecret, "".toCharArray(), "gpg-secret.asc").decrypt(ours));
      Path plain = dir.resolve("plain.json");
      Files.write(plain, PLAIN);
      byte[] theirs = gpg.run(null, "--armor", "--trust-model", "always", "--recipient", "g@example.com",
          "--output", "-", "--encrypt", plain.toString());
      assertArrayEquals(PLAIN, PgpDecryptionKey.parse(gpgSecret, "".toCharArray(), "gpg-secret.asc").decrypt(theirs));
    }
  }
}
