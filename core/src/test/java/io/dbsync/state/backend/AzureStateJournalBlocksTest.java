package io.dbsync.state.backend;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Azure journal splits an append into Append Block calls at record boundaries, within the service's block size. */
class AzureStateJournalBlocksTest {
  private static byte[] record(int size) {
    return new byte[size];
  }

  @Test
  void recordsFillBlocksUpToTheLimitWithTheirNewlines() {
    int third = AzureStateJournal.MAX_BLOCK / 3;
    // three records of a third each do not fit with their newlines: two, then one
    List<List<byte[]>> blocks = AzureStateJournal.blocks(List.of(record(third), record(third), record(third)));
    assertEquals(List.of(2, 1), blocks.stream().map(List::size).toList());
    // ten small records: one block
    assertEquals(1, AzureStateJournal.blocks(List.of(record(10), record(10), record(10), record(10), record(10),
        record(10), record(10), record(10), record(10), record(10))).size());
  }

  @Test
  void aRecordLargerThanABlockIsABlockOfItsOwn() {
    List<List<byte[]>> blocks = AzureStateJournal.blocks(List.of(record(10), record(AzureStateJournal.MAX_BLOCK + 5),
        record(10)));
    assertEquals(List.of(1, 1, 1), blocks.stream().map(List::size).toList());
  }
}
