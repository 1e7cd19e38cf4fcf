package org.paperboy.web;

import java.util.List;

/**
 * What a day, week or month page shows: the heading, links to the periods before and after
 * ({@code null} when there is none) and to the other views of the same date, the calendar, one
 * page of cards, and, when the page has no cards, why ({@code emptyMessage}) with links to the
 * nearest days that have papers. {@code siteEmpty} says no paper has been imported at all.
 * {@code tools} are the category chips and the cards/compact switch ({@code null}: none).
 */
public record FeedView(
        String heading,
        String summary,
        Link previous,
        Link next,
        List<Link> views,
        CalendarView calendar,
        List<CardView> cards,
        Pagination pagination,
        String emptyMessage,
        List<Link> nearby,
        boolean siteEmpty,
        FeedTools tools) {

    public FeedView {
        views = List.copyOf(views);
        cards = List.copyOf(cards);
        nearby = List.copyOf(nearby);
    }
}
