package social.chorus.process.interaction;

import java.util.Optional;
import social.chorus.model.Interaction;
import social.chorus.model.StatusView;

/**
 * What a favourite, reblog or their undo returns: the status to show (for a reblog, the boost
 * with the boosted status inside) and, when the call made a new like or boost, which one (empty
 * when it was already there or was undone).
 */
public record Interacted(StatusView status, Optional<Interaction> created) {
}
