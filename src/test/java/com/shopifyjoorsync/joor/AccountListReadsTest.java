package com.shopifyjoorsync.joor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** Shops of one JOOR account read its connection list once between them; a failed read holds nobody. */
class AccountListReadsTest {
    private static CustomerCodeSet codes(String... codes) {
        CustomerCodeSet.Builder b = new CustomerCodeSet.Builder();
        for (String c : codes) {
            b.add(c);
        }
        return b.build();
    }

    @Test
    void aShopTakesTheReadAnotherShopHasUnderWay() throws Exception {
        String account = "https://joor.example/v2#" + System.nanoTime();
        AccountListReads.Start eu = AccountListReads.begin(account, "eu");
        assertThat(eu.own()).isNotNull();
        AccountListReads.Start us = AccountListReads.begin(account, "us");
        assertThat(us.taken()).isNotNull();
        assertThat(us.taken().shop()).isEqualTo("eu");

        CompletableFuture<CustomerCodeSet> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return AccountListReads.await(us.taken(), Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        eu.own().read(codes("1", "2"));
        assertThat(waiting.get().size()).isEqualTo(2);
        // the reader's own next cycle reads again; another shop a moment later takes it
        assertThat(AccountListReads.begin(account, "eu").own()).isNotNull();
    }

    @Test
    void aReadThatEndsWithoutAListSendsTheWaitingShopToReadItself() throws Exception {
        String account = "https://joor.example/v2#" + System.nanoTime();
        AccountListReads.Start eu = AccountListReads.begin(account, "eu");
        AccountListReads.Start us = AccountListReads.begin(account, "us");

        eu.own().ended(); // JOOR failed it

        assertThat(AccountListReads.await(us.taken(), Duration.ofSeconds(10))).isNull();
        assertThat(AccountListReads.begin(account, "us").own()).as("us reads itself now").isNotNull();
    }

    @Test
    void anotherAccountIsNeverTaken() {
        String account = "https://joor.example/v2#" + System.nanoTime();
        assertThat(AccountListReads.begin(account + "a", "eu").own()).isNotNull();
        assertThat(AccountListReads.begin(account + "b", "us").own()).isNotNull();
    }
}
