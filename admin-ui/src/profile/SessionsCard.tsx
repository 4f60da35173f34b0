// One's sessions: every device signed in to the account, this one marked (the hash of the refresh
// token it holds is the session's id), with its device, address and last use; another one can be
// ended, or all the others at once.
import {
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Confirm, useNotify, useTranslate } from 'react-admin';
import { api, storedRefreshToken } from '../api/client.ts';
import { useApiError } from '../api/useApiError.ts';
import { formatDateTime } from '../format/format.ts';
import { deviceName, sessionIdOf, withThisDevice, type AccountSession } from './security.ts';

export function SessionsCard() {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const [sessions, setSessions] = useState<(AccountSession & { current: boolean })[] | null>(null);
  const [thisId, setThisId] = useState<string | null>(null);
  const [confirmOthers, setConfirmOthers] = useState(false);

  const load = useCallback(() => {
    Promise.all([api<AccountSession[]>('/api/account/sessions'), sessionIdOf(storedRefreshToken())])
      .then(([rows, id]) => {
        setThisId(id);
        setSessions(withThisDevice(rows, id));
      })
      .catch(showError);
  }, [showError]);
  useEffect(load, [load]);

  const end = (id: string) => {
    api(`/api/account/sessions/${id}`, { method: 'DELETE' })
      .then(() => {
        notify('profile.sessions.ended', { type: 'info' });
        load();
      })
      .catch(showError);
  };
  const endOthers = () => {
    if (!thisId) return;
    api<{ sessions_ended: number }>('/api/account/sessions/end-others', {
      method: 'POST',
      body: { keep: thisId },
    })
      .then((answer) => {
        notify('profile.sessions.others_ended', {
          type: 'info',
          messageArgs: { smart_count: answer.sessions_ended },
        });
        load();
      })
      .catch(showError)
      .finally(() => setConfirmOthers(false));
  };
  const others = sessions?.filter((s) => !s.current).length ?? 0;

  return (
    <Card data-testid="sessions-card">
      <CardContent sx={{ display: 'grid', gap: 1 }}>
        <Typography variant="h6">{translate('profile.sessions.title')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('profile.sessions.explain')}
        </Typography>
        {sessions && (
          <List dense disablePadding>
            {sessions.map((s) => (
              <ListItem
                key={s.id}
                divider
                data-testid="session"
                secondaryAction={
                  s.current ? (
                    <Chip size="small" color="primary" label={translate('profile.sessions.this_device')} />
                  ) : (
                    <Button size="small" color="error" onClick={() => end(s.id)}>
                      {translate('profile.sessions.end')}
                    </Button>
                  )
                }
                sx={{ pr: 14 }}
              >
                <ListItemText
                  primary={deviceName(s.user_agent) ?? translate('profile.sessions.unknown_device')}
                  secondary={translate('profile.sessions.line', {
                    address: s.ip ?? '—',
                    time: formatDateTime(s.last_used_at),
                  })}
                />
              </ListItem>
            ))}
          </List>
        )}
        <Box>
          <Button color="error" disabled={others === 0 || !thisId} onClick={() => setConfirmOthers(true)}>
            {translate('profile.sessions.end_others')}
          </Button>
        </Box>
      </CardContent>
      <Confirm
        isOpen={confirmOthers}
        title="profile.sessions.end_others"
        content="profile.sessions.end_others_confirm"
        onConfirm={endOthers}
        onClose={() => setConfirmOthers(false)}
      />
    </Card>
  );
}
