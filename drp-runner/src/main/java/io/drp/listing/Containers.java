package io.drp.listing;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Several containers' listings one after the other, in container order, pulled a page at a time. Not
 * {@code Stream.flatMap}: a flatMapped stream's {@code iterator()} (which every merge-join uses) pushes each
 * inner stream whole into a buffer, so a container of ten million objects would be held in memory at once.
 */
final class Containers {

    private Containers() {}

    static <T> Stream<T> oneAfterAnother(List<String> containers, Function<String, Stream<T>> listing) {
        List<String> names = containers.stream().sorted().distinct().toList();
        Iterator<T> all = new Iterator<>() {
            private int next;
            private Iterator<T> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                // a container is listed only when the one before it is exhausted
                while (!current.hasNext() && next < names.size()) current = listing.apply(names.get(next++)).iterator();
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) throw new NoSuchElementException();
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(all, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
