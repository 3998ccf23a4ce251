//! The detail pane: everything the dataset knows about the selected network, as
//! `facts::lines` words it, styled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{pane, text};
use crate::app::{App, Focus};
use crate::facts::{self, Tone};
use crate::layout;
use crate::theme::Theme;
use citynet_core::data::{Dataset, Network};

fn style(tone: Tone, theme: &Theme) -> ratatui::style::Style {
    match tone {
        Tone::Plain => ratatui::style::Style::default(),
        Tone::Title => theme.title,
        Tone::Heading => theme.header,
        Tone::Label => theme.label,
        Tone::Text => theme.text,
        Tone::Dim => theme.dim,
    }
}

/// The detail text of network `n`, wrapped to `width` columns and styled. `tier_counts`,
/// when known, saves counting the roster's members per tier.
pub fn lines(
    data: &Dataset,
    n: &Network,
    tier_counts: Option<&[usize]>,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    facts::lines(data, n, tier_counts, width)
        .into_iter()
        .map(|line| match line.as_slice() {
            // A heading is one styled line, as ratatui's `Line::styled` makes it.
            [(h, Tone::Heading)] => Line::styled(h.clone(), theme.header),
            _ => Line::from(
                line.into_iter()
                    .map(|(s, tone)| Span::styled(s, style(tone, theme)))
                    .collect::<Vec<_>>(),
            ),
        })
        .collect()
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.style;
    let focused = app.focus == Focus::Detail;
    let Some(n) = app.selected_network().and_then(|i| app.network(i)) else {
        frame.render_widget(pane(Line::from(" Detail "), focused, t), area);
        return;
    };
    let inner = layout::inner(area);
    let counts = app
        .selected_network()
        .and_then(|i| app.indexes.tier_counts(i));
    let all = lines(&app.data, n, counts, inner.width, t);
    let height = usize::from(inner.height);
    let scroll = app
        .detail_scroll
        .min(all.len().saturating_sub(height.max(1)));
    let more = if all.len() > height {
        format!(
            " {}-{} of {} ",
            scroll + 1,
            (scroll + height).min(all.len()),
            all.len()
        )
    } else {
        String::new()
    };
    let title = Line::from(vec![
        Span::styled(
            format!(" {} ", text::safe(n.label())),
            if focused { t.title } else { t.label },
        ),
        Span::styled(more, t.dim),
    ]);
    frame.render_widget(pane(title, focused, t), area);
    let visible: Vec<Line> = all.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
