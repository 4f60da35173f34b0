// Lists on a phone: one card per record, tapped to open it; a card swiped to the left shows its
// actions (open, edit where the role may, and what the resource adds, such as calling a customer);
// the list pulled down from its top reloads. Gestures by react-swipeable; every action stays a
// button too (44 px), for anyone who does not swipe.
import { Box, Button, Card, CardActionArea, LinearProgress, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useSwipeable } from 'react-swipeable';
import { Link } from 'react-router-dom';
import { useCreatePath, useListContext, useRefresh, useTranslate, type RaRecord } from 'react-admin';
import { can } from '../access/session.ts';

type Row = RaRecord & Record<string, unknown>;

export interface SwipeAction {
  label: string;
  href?: string;
  to?: string;
  color?: 'primary' | 'error' | 'success';
}

const ACTION_WIDTH = 88;
const PULL_TRIGGER = 72;

function SwipeCard({
  record,
  link,
  actions,
  children,
}: {
  record: Row;
  link: string | null;
  actions: SwipeAction[];
  children: ReactNode;
}) {
  const translate = useTranslate();
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState(false);
  const width = actions.length * ACTION_WIDTH;
  const handlers = useSwipeable({
    onSwiping: (e) => {
      if (e.dir !== 'Left' && e.dir !== 'Right') return;
      const base = open ? -width : 0;
      setOffset(Math.max(-width - 16, Math.min(0, base + e.deltaX)));
    },
    onSwiped: (e) => {
      if (e.dir === 'Left') setOpen(e.absX > 40 || open);
      else if (e.dir === 'Right') setOpen(false);
      setOffset(0);
    },
    delta: 12,
    trackMouse: false,
  });
  const shift = offset !== 0 ? offset : open ? -width : 0;
  return (
    <Box sx={{ position: 'relative', overflow: 'hidden', borderRadius: 2 }} data-testid="phone-card">
      <Box
        sx={{
          position: 'absolute',
          inset: 0,
          display: 'flex',
          justifyContent: 'flex-end',
          bgcolor: 'grey.100',
        }}
        aria-hidden={!open}
      >
        {actions.map((action) => (
          <Button
            key={action.label}
            color={action.color ?? 'primary'}
            tabIndex={open ? 0 : -1}
            sx={{ width: ACTION_WIDTH, borderRadius: 0 }}
            {...(action.href ? { href: action.href } : {})}
            {...(action.to ? { component: Link, to: action.to } : {})}
          >
            {translate(action.label)}
          </Button>
        ))}
      </Box>
      <Card
        {...handlers}
        sx={{
          position: 'relative',
          transform: `translateX(${String(shift)}px)`,
          transition: offset !== 0 ? 'none' : 'transform 160ms ease-out',
          touchAction: 'pan-y',
        }}
        data-record-id={String(record.id)}
      >
        {link ? (
          <CardActionArea component={Link} to={link} sx={{ minHeight: 64, p: 1.5 }}>
            {children}
          </CardActionArea>
        ) : (
          <Box sx={{ minHeight: 64, p: 1.5 }}>{children}</Box>
        )}
      </Card>
    </Box>
  );
}

export function PhoneList({
  primary,
  secondary,
  tertiary,
  linkType = 'show',
  swipeActions,
}: {
  primary: (record: Row) => ReactNode;
  secondary?: ((record: Row) => ReactNode) | undefined;
  tertiary?: ((record: Row) => ReactNode) | undefined;
  linkType?: 'show' | 'edit' | false;
  swipeActions?: ((record: Row) => SwipeAction[]) | undefined;
}) {
  const { data, isPending, resource } = useListContext<Row>();
  const createPath = useCreatePath();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [pull, setPull] = useState(0);
  const pulling = useSwipeable({
    onSwiping: (e) => {
      if (e.dir === 'Down' && window.scrollY <= 0) setPull(Math.min(120, e.absY));
    },
    onSwiped: (e) => {
      if (e.dir === 'Down' && pull >= PULL_TRIGGER) refresh();
      setPull(0);
    },
    delta: 12,
    trackMouse: false,
  });
  const actionsOf = (record: Row): SwipeAction[] => {
    const own = swipeActions?.(record) ?? [];
    const show = { label: 'lists.open', to: createPath({ resource, id: record.id, type: 'show' }) };
    const edit = can(resource, 'edit')
      ? [{ label: 'ra.action.edit', to: createPath({ resource, id: record.id, type: 'edit' }) }]
      : [];
    return [...own, show, ...edit];
  };
  return (
    <Box {...pulling} data-testid="phone-list">
      <Box
        sx={{
          height: pull / 2,
          overflow: 'hidden',
          textAlign: 'center',
          color: 'text.secondary',
          transition: pull === 0 ? 'height 160ms' : 'none',
        }}
        aria-live="polite"
      >
        {pull > 0 && (
          <Typography variant="caption">
            {translate(pull >= PULL_TRIGGER ? 'lists.release' : 'lists.pull')}
          </Typography>
        )}
      </Box>
      {isPending && <LinearProgress />}
      <Box sx={{ display: 'grid', gap: 1, p: 1 }}>
        {(data ?? []).map((record) => (
          <SwipeCard
            key={record.id}
            record={record}
            link={linkType ? createPath({ resource, id: record.id, type: linkType }) : null}
            actions={actionsOf(record)}
          >
            <Typography sx={{ fontWeight: 600 }}>{primary(record)}</Typography>
            {secondary && (
              <Typography variant="body2" color="text.secondary">
                {secondary(record)}
              </Typography>
            )}
            {tertiary && (
              <Typography variant="caption" color="text.secondary">
                {tertiary(record)}
              </Typography>
            )}
          </SwipeCard>
        ))}
      </Box>
    </Box>
  );
}
