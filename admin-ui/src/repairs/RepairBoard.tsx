// The repair board: one column per open status, each card offering only the moves the role may make.
import { Box, Card, CardActionArea, CardContent, Chip, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { Loading, Title, useGetList, useTranslate } from 'react-admin';
import { formatMoney } from '../format/format.ts';
import { MoveButtons, type RepairSummary } from './MoveButtons.tsx';
import { REPAIR_STATUSES } from './workflow.ts';

type BoardRepair = RepairSummary & {
  device_brand: string | null;
  device_model: string | null;
  issue_description: string;
  priority: string;
  customer_id: { name: string } | null;
};

const COLUMNS = REPAIR_STATUSES.filter((s) => s !== 'Cancelled' && s !== 'Delivered');

export function RepairCards({ filter, title }: { filter: Record<string, unknown>; title: string }) {
  const translate = useTranslate();
  const { data, isPending, refetch } = useGetList<BoardRepair>('repairs', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'created_at', order: 'ASC' },
    filter: { 'status@_nin': ['Delivered', 'Cancelled'], ...filter },
  });
  if (isPending) return <Loading />;
  return (
    <Box sx={{ p: 1 }}>
      <Title title={title} />
      <Box
        sx={{
          display: 'grid',
          gridAutoFlow: { xs: 'row', md: 'column' },
          gridAutoColumns: { md: 'minmax(240px, 1fr)' },
          gap: 2,
          overflowX: 'auto',
        }}
      >
        {COLUMNS.map((status) => {
          const cards = (data ?? []).filter((r) => r.status === status);
          return (
            <Box
              key={status}
              data-testid={`column-${status}`}
              sx={{ bgcolor: 'grey.100', borderRadius: 2, p: 1 }}
            >
              <Typography variant="subtitle2" sx={{ mb: 1 }}>
                {translate(`app.status.${status}`)} ({cards.length})
              </Typography>
              {cards.map((repair) => (
                <Card key={repair.id} sx={{ mb: 1 }}>
                  <CardActionArea component={Link} to={`/repairs/${String(repair.id)}/show`}>
                    <CardContent sx={{ pb: 1 }}>
                      <Box sx={{ display: 'flex', justifyContent: 'space-between' }}>
                        <Typography sx={{ fontWeight: 600 }}>{repair.repair_number}</Typography>
                        {repair.priority !== 'Normal' && (
                          <Chip size="small" label={translate(`app.priority.${repair.priority}`)} />
                        )}
                      </Box>
                      <Typography variant="body2">
                        {repair.device_brand} {repair.device_model} · {repair.customer_id?.name ?? ''}
                      </Typography>
                      <Typography variant="caption" color="text.secondary">
                        {repair.issue_description} · {formatMoney(repair.estimated_cost)}
                      </Typography>
                    </CardContent>
                  </CardActionArea>
                  <Box sx={{ px: 1, pb: 1 }}>
                    <MoveButtons repair={repair} size="small" onMoved={() => void refetch()} />
                  </Box>
                </Card>
              ))}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}

export default function RepairBoard() {
  const translate = useTranslate();
  return <RepairCards filter={{}} title={translate('repairs.board')} />;
}
