// "My repairs": the open repairs assigned to the signed-in technician.
import { useTranslate } from 'react-admin';
import { identity } from '../access/session.ts';
import { RepairCards } from './RepairBoard.tsx';

export default function MyRepairs() {
  const translate = useTranslate();
  return <RepairCards filter={{ technician_id: identity()?.id ?? '' }} title={translate('repairs.mine')} />;
}
