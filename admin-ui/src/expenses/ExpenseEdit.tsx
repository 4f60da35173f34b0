import { Edit, SimpleForm } from 'react-admin';
import { ExpenseInputs } from './ExpenseInputs.tsx';

export default function ExpenseEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <SimpleForm>
        <ExpenseInputs />
      </SimpleForm>
    </Edit>
  );
}
