package social.chorus.storage;

/**
 * One chunk of a pruning pass: how many old rows the chunk's query found (at most the chunk size)
 * and how many of them this transaction deleted. Fewer deleted than found means another process
 * deleted them first.
 */
public record Pruned(int found, int deleted) {
    public static final Pruned NONE = new Pruned(0, 0);
}
