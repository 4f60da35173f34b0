// The month's expense budgets per category: spent (approved and pending) against the budget, over
// budget in red (GET /api/expenses/budget-status: Owners and Supervisors). The Owner sets or removes
// a category's monthly budget (PUT /api/expenses/budgets).
import {
  Box,
  Button,
  Card,
  CardContent,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { api } from '../api/client.ts';
import { MonthHeader } from '../common/MonthHeader.tsx';
import { useApiError } from '../api/useApiError.ts';
import { formatMoney, shopToday } from '../format/format.ts';

interface BudgetLine {
  category: string;
  budget: number | null;
  approved: number;
  pending: number;
  spent: number;
  remaining: number | null;
  over_budget: boolean;
}

export function BudgetsCard({ editable }: { editable: boolean }) {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const [month, setMonth] = useState(shopToday().slice(0, 7));
  const [lines, setLines] = useState<BudgetLine[]>([]);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const load = useCallback(() => {
    api<{ categories: BudgetLine[] }>('/api/expenses/budget-status', { query: { month } })
      .then((answer) => {
        setLines(answer.categories);
        setDrafts(
          Object.fromEntries(
            answer.categories.map((l) => [l.category, l.budget === null ? '' : String(l.budget)]),
          ),
        );
      })
      .catch(showError);
  }, [month, showError]);
  useEffect(load, [load]);
  const save = (category: string) => {
    const text = (drafts[category] ?? '').trim();
    api('/api/expenses/budgets', {
      method: 'PUT',
      body: { category, amount: text === '' ? null : Number(text) },
    })
      .then(() => {
        notify('settings.saved', { type: 'success' });
        load();
      })
      .catch(showError);
  };
  return (
    <Card data-testid="budgets">
      <CardContent sx={{ overflowX: 'auto' }}>
        <MonthHeader title={translate('expenses.budgets')} month={month} onChange={setMonth} />
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.expenses.fields.category')}</TableCell>
              <TableCell align="right">{translate('expenses.spent')}</TableCell>
              <TableCell align="right">{translate('expenses.budget')}</TableCell>
              <TableCell align="right">{translate('expenses.remaining')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {lines.map((line) => (
              <TableRow key={line.category}>
                <TableCell>{line.category}</TableCell>
                <TableCell align="right" sx={{ color: line.over_budget ? 'error.main' : undefined }}>
                  {formatMoney(line.spent)}
                </TableCell>
                <TableCell align="right">
                  {editable ? (
                    <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }}>
                      <TextField
                        size="small"
                        type="number"
                        value={drafts[line.category] ?? ''}
                        onChange={(e) => setDrafts({ ...drafts, [line.category]: e.target.value })}
                        slotProps={{
                          htmlInput: { min: 0, inputMode: 'numeric', 'aria-label': line.category },
                        }}
                        sx={{ width: 130 }}
                      />
                      <Button onClick={() => save(line.category)}>{translate('ra.action.save')}</Button>
                    </Box>
                  ) : (
                    formatMoney(line.budget)
                  )}
                </TableCell>
                <TableCell align="right" sx={{ color: line.over_budget ? 'error.main' : undefined }}>
                  {line.remaining === null ? '—' : formatMoney(line.remaining)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
