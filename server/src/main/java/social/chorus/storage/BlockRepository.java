package social.chorus.storage;

import static social.chorus.schema.Tables.ACCOUNT_BLOCK;

import java.time.Clock;
import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.model.Block;
import social.chorus.schema.tables.records.AccountBlockRecord;

/** Blocks between accounts. */
public final class BlockRepository {
    private final Clock clock;

    public BlockRepository(Clock clock) {
        this.clock = clock;
    }

    public Block insert(DSLContext dsl, long accountId, long targetId, String uri) {
        AccountBlockRecord r = dsl.newRecord(ACCOUNT_BLOCK);
        r.setAccountId(accountId);
        r.setTargetAccountId(targetId);
        r.setUri(uri);
        r.setCreatedAt(Timestamps.toDb(clock.instant()));
        r.store();
        return toBlock(r);
    }

    public Optional<Block> find(DSLContext dsl, long accountId, long targetId) {
        return dsl.selectFrom(ACCOUNT_BLOCK)
                .where(ACCOUNT_BLOCK.ACCOUNT_ID.eq(accountId).and(ACCOUNT_BLOCK.TARGET_ACCOUNT_ID.eq(targetId)))
                .fetchOptional().map(BlockRepository::toBlock);
    }

    /** True when either account blocks the other. */
    public boolean eitherBlocks(DSLContext dsl, long a, long b) {
        return dsl.fetchExists(ACCOUNT_BLOCK,
                ACCOUNT_BLOCK.ACCOUNT_ID.eq(a).and(ACCOUNT_BLOCK.TARGET_ACCOUNT_ID.eq(b))
                        .or(ACCOUNT_BLOCK.ACCOUNT_ID.eq(b).and(ACCOUNT_BLOCK.TARGET_ACCOUNT_ID.eq(a))));
    }

    public boolean delete(DSLContext dsl, long accountId, long targetId) {
        return dsl.deleteFrom(ACCOUNT_BLOCK)
                .where(ACCOUNT_BLOCK.ACCOUNT_ID.eq(accountId).and(ACCOUNT_BLOCK.TARGET_ACCOUNT_ID.eq(targetId)))
                .execute() > 0;
    }

    private static Block toBlock(AccountBlockRecord r) {
        return new Block(r.getId(), r.getAccountId(), r.getTargetAccountId(), r.getUri(),
                Timestamps.fromDb(r.getCreatedAt()));
    }
}
