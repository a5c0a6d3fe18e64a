package dev.lessonbook.view;

import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.ProfileStore;
import java.util.Optional;

/**
 * The cache worker's use case: after a write, recompute the views its event invalidated, so the
 * next reader finds them warm — and any view a racing reader stored from older data is replaced.
 */
public final class WarmingViews {
    private final ProfileStore profiles;
    private final ViewSources sources;
    private final CachedViews views;

    public WarmingViews(ProfileStore profiles, ViewSources sources, CachedViews views) {
        this.profiles = profiles;
        this.sources = sources;
        this.views = views;
    }

    public void warm(DomainEvent event) {
        Optional<InstructorProfile> profile = profiles.find(event.instructorId());
        if (profile.isEmpty()) {
            // Views are only ever filled for an instructor with a profile; there is nothing to warm.
            return;
        }
        InstructorProfile instructor = profile.get();
        for (ViewKey<?> key : InvalidatedViews.by(event)) {
            switch (key) {
                case ViewKey.WeekMap week -> views.rewarm(week, instructor.timezone(),
                        () -> sources.weekMap(week.instructorId(), week.weekStart()));
                case ViewKey.Bookable bookable -> views.rewarm(bookable, instructor.timezone(),
                        () -> sources.bookable(instructor, bookable.weekStart()));
                case ViewKey.Stats stats -> views.rewarm(stats, instructor.timezone(),
                        () -> sources.stats(instructor));
                case ViewKey.Feed feed -> views.rewarm(feed, instructor.timezone(),
                        () -> sources.feed(instructor));
            }
        }
    }
}
