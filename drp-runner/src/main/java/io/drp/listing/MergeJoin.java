package io.drp.listing;

import java.util.Iterator;
import java.util.function.Function;

/**
 * The one walk over two name-ordered streams that backup diff, verification and loss measurement share:
 * manifest against listing, or manifest against manifest. Memory stays constant whatever the object count,
 * which is why every manifest and every listing is kept sorted by {@link ObjectKey}.
 */
public final class MergeJoin {

    private MergeJoin() {}

    /** What to do with each key: present on the left only, on the right only, or on both sides. */
    public interface Visitor<L, R> {
        void onlyLeft(L left);

        void onlyRight(R right);

        void both(L left, R right);
    }

    /**
     * @throws IllegalArgumentException when either side is not strictly increasing: a join over unsorted
     *                                  input would silently pair the wrong objects
     */
    public static <L, R> void join(Iterator<? extends L> left, Function<? super L, ObjectKey> leftKey,
                                   Iterator<? extends R> right, Function<? super R, ObjectKey> rightKey,
                                   Visitor<L, R> visitor) {
        Side<L> l = new Side<>(left, leftKey, "left");
        Side<R> r = new Side<>(right, rightKey, "right");
        while (l.item != null && r.item != null) {
            int c = l.key.compareTo(r.key);
            if (c < 0) {
                visitor.onlyLeft(l.item);
                l.advance();
            } else if (c > 0) {
                visitor.onlyRight(r.item);
                r.advance();
            } else {
                visitor.both(l.item, r.item);
                l.advance();
                r.advance();
            }
        }
        for (; l.item != null; l.advance()) visitor.onlyLeft(l.item);
        for (; r.item != null; r.advance()) visitor.onlyRight(r.item);
    }

    private static final class Side<T> {
        private final Iterator<? extends T> it;
        private final Function<? super T, ObjectKey> keyOf;
        private final String label;
        T item;
        ObjectKey key;

        Side(Iterator<? extends T> it, Function<? super T, ObjectKey> keyOf, String label) {
            this.it = it;
            this.keyOf = keyOf;
            this.label = label;
            advance();
        }

        void advance() {
            ObjectKey previous = key;
            if (!it.hasNext()) {
                item = null;
                key = null;
                return;
            }
            item = it.next();
            key = keyOf.apply(item);
            if (previous != null && previous.compareTo(key) >= 0) {
                throw new IllegalArgumentException("the " + label + " side is not sorted: '" + key.path()
                        + "' came after '" + previous.path() + "'");
            }
        }
    }
}
